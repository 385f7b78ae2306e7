/** The stores other stores and tests reach by name; a panel asks `taskStore(id)` for its own. */
import { taskStore } from './taskStore';

export const useEntities = taskStore('entities');
export const useRelations = taskStore('relations');
