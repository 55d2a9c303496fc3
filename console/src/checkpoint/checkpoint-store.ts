import { Store, useStore } from '../app/store';
import type { Checkpoint } from './checkpoint';

/** The current checkpoint, with a counter that pages key on so a change asks again. */
export const checkpointStore = new Store<{ checkpoint: Checkpoint | null; version: number }>({ checkpoint: null, version: 0 });

export function setCheckpoint(checkpoint: Checkpoint | null): void {
  checkpointStore.set({ checkpoint, version: checkpointStore.get().version + 1 });
}

export function useCheckpoint() {
  return useStore(checkpointStore);
}
