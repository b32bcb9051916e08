-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "handRaisingEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "musicMode" BOOLEAN NOT NULL DEFAULT false;
