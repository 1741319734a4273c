import { PROGRESS_SHARDS, queueShardRoom } from "./rooms";
import type { QueueSocket } from "./types";

/** This instance's sockets in one queue. */
interface LocalQueue {
  /** The id as first seen: every socket of the queue keeps this one rather than a copy of its own. */
  performanceId: string;
  /** The queue's shard room names, made once: a room name per socket would cost a string each. */
  shardRooms: string[];
  /** Each buyer's tabs: one socket as itself (nearly always), several as an array. */
  tabs: Map<string, QueueSocket | QueueSocket[]>;
}

/**
 * Which of this instance's sockets are in which queue, and which of them are each buyer's
 * tabs. Admission and release notices reach a buyer's tabs through this index rather than a
 * Socket.IO room per buyer: a room costs every waiting socket a name, a set and two adapter
 * entries, this one map entry (the other instances are told through the adapter, see
 * createNotifier). A queue is forgotten with its last socket here.
 */
export interface LocalQueueSockets {
  /** The queue's progress rooms (a socket is in one); undefined: no socket of the queue here. */
  shardRooms: (performanceId: string) => readonly string[] | undefined;
  /** Answers the queue's id as the index holds it, for the socket to keep. */
  add: (performanceId: string, socket: QueueSocket) => string;
  remove: (performanceId: string, socket: QueueSocket) => void;
  /** How many of this buyer's sockets are in the queue on this instance. */
  tabCount: (performanceId: string, userId: string) => number;
  /** This buyer's sockets in the queue on this instance. */
  tabsOf: (performanceId: string, userId: string) => readonly QueueSocket[];
}

export function createLocalQueueSockets(): LocalQueueSockets {
  const queues = new Map<string, LocalQueue>();

  const tabsOf = (performanceId: string, userId: string): readonly QueueSocket[] => {
    const tabs = queues.get(performanceId)?.tabs.get(userId);
    if (tabs === undefined) return [];
    return Array.isArray(tabs) ? tabs : [tabs];
  };

  return {
    shardRooms: (performanceId) => queues.get(performanceId)?.shardRooms,
    add: (performanceId, socket) => {
      let queue = queues.get(performanceId);
      if (!queue) {
        queue = {
          performanceId,
          shardRooms: Array.from({ length: PROGRESS_SHARDS }, (_, shard) =>
            queueShardRoom(performanceId, shard),
          ),
          tabs: new Map(),
        };
        queues.set(performanceId, queue);
      }
      const { userId } = socket.data;
      const tabs = queue.tabs.get(userId);
      if (tabs === undefined) queue.tabs.set(userId, socket);
      else if (Array.isArray(tabs)) {
        if (!tabs.includes(socket)) tabs.push(socket);
      } else if (tabs !== socket) queue.tabs.set(userId, [tabs, socket]);
      return queue.performanceId;
    },
    remove: (performanceId, socket) => {
      const queue = queues.get(performanceId);
      if (!queue) return;
      const { userId } = socket.data;
      const tabs = queue.tabs.get(userId);
      if (tabs === socket) queue.tabs.delete(userId);
      else if (Array.isArray(tabs)) {
        const others = tabs.filter((tab) => tab !== socket);
        if (others.length === 0) queue.tabs.delete(userId);
        else queue.tabs.set(userId, others.length === 1 ? (others[0] as QueueSocket) : others);
      }
      if (queue.tabs.size === 0) queues.delete(performanceId);
    },
    tabCount: (performanceId, userId) => tabsOf(performanceId, userId).length,
    tabsOf,
  };
}
