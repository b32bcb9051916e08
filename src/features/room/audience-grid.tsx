"use client";
import { useTranslations } from "next-intl";
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";

/** Tile width (w-24 = 6rem) plus the gap (gap-3 = 0.75rem), and one row's height, in px. */
const CELL_WIDTH = 108;
const ROW_HEIGHT = 112;
/** Rows drawn above and below the visible ones, so a fast scroll never shows blank space. */
const OVERSCAN_ROWS = 3;
/** Ask for the next page this many rows before the end. */
const LOAD_AHEAD_ROWS = 4;

/**
 * A grid of fixed-size cells that draws only the rows in (or near) the window's viewport: a room
 * of 8,000 listeners costs the DOM a few dozen tiles. The page itself scrolls (as the room page
 * always did), so the grid is positioned against the window, not an inner scroll box. Written
 * here rather than taken from a library because it is this small: fixed row height, one column
 * count from the container's width, window scrolling.
 */
export function AudienceGrid<T>({
  items,
  total,
  keyOf,
  renderItem,
  onNearEnd,
}: {
  items: readonly T[];
  /** Everyone in the audience (the loaded items may be fewer): the grid is sized for all of them. */
  total: number;
  keyOf: (item: T) => string;
  /** One cell, a list item (`<li>`) that fits CELL_WIDTH by ROW_HEIGHT. */
  renderItem: (item: T) => ReactNode;
  /** Called when the viewport nears the last loaded row (load the next page). */
  onNearEnd: () => void;
}) {
  const t = useTranslations("room.people");
  const container = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(4);
  const [range, setRange] = useState({ first: 0, last: 8 });
  const loadedRows = Math.ceil(items.length / columns);
  const totalRows = Math.ceil(Math.max(total, items.length) / columns);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = () => setColumns(Math.max(1, Math.floor((element.clientWidth + 12) / CELL_WIDTH)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onScroll = () => {
      const top = element.getBoundingClientRect().top;
      const first = Math.max(0, Math.floor(-top / ROW_HEIGHT) - OVERSCAN_ROWS);
      const last = Math.max(0, Math.ceil((window.innerHeight - top) / ROW_HEIGHT) + OVERSCAN_ROWS);
      setRange((current) => (current.first === first && current.last === last ? current : { first, last }));
    };
    onScroll();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
    };
  }, []);

  useEffect(() => {
    if (range.last >= loadedRows - LOAD_AHEAD_ROWS && items.length < total) onNearEnd();
  }, [range.last, loadedRows, items.length, total, onNearEnd]);

  const firstRow = Math.min(range.first, loadedRows);
  const lastRow = Math.min(range.last, loadedRows);
  const visible = items.slice(firstRow * columns, lastRow * columns);
  return (
    <div
      ref={container}
      className="relative"
      style={{ height: totalRows * ROW_HEIGHT }}
      data-testid="audience-grid"
      data-loaded={items.length}
    >
      <ul
        className="absolute inset-x-0 grid justify-items-center gap-x-3"
        style={{
          top: firstRow * ROW_HEIGHT,
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          gridAutoRows: ROW_HEIGHT,
        }}
      >
        {visible.map((item) => (
          <Fragment key={keyOf(item)}>{renderItem(item)}</Fragment>
        ))}
      </ul>
      {items.length < total && lastRow >= loadedRows && (
        <p
          className="absolute inset-x-0 text-center text-sm text-stone-500"
          style={{ top: loadedRows * ROW_HEIGHT }}
        >
          {t("loadingMore")}
        </p>
      )}
    </div>
  );
}
