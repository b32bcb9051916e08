-- CreateTable
CREATE TABLE "RoomStatsSample" (
    "roomId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "spanMs" INTEGER NOT NULL,
    "listeners" INTEGER NOT NULL,
    "peakListeners" INTEGER NOT NULL,
    "stage" INTEGER NOT NULL,
    "joins" INTEGER NOT NULL,
    "leaves" INTEGER NOT NULL,
    "handsRaised" INTEGER NOT NULL,
    "handsUp" INTEGER NOT NULL,
    "reactions" INTEGER NOT NULL,

    CONSTRAINT "RoomStatsSample_pkey" PRIMARY KEY ("roomId","at")
);

-- CreateTable
CREATE TABLE "RoomStatsSpeaker" (
    "roomId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "speakingMs" INTEGER NOT NULL,

    CONSTRAINT "RoomStatsSpeaker_pkey" PRIMARY KEY ("roomId","userId")
);

-- AddForeignKey
ALTER TABLE "RoomStatsSample" ADD CONSTRAINT "RoomStatsSample_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoomStatsSpeaker" ADD CONSTRAINT "RoomStatsSpeaker_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE;
