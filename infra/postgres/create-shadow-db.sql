-- Prisma's migration diff replays migrations into a scratch database; it must never be
-- the application's own database.
CREATE DATABASE ticketping_shadow OWNER ticketping;
