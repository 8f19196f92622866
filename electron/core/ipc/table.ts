import type { ChannelName, ParsedPayloadOf, ResultOf } from '../../../shared/ipc/contract.js';

export type Handler<C extends ChannelName> = (payload: ParsedPayloadOf<C>) => Promise<ResultOf<C>> | ResultOf<C>;
/** One handler per channel of the main window's contract. */
export type HandlerTable = { [C in ChannelName]: Handler<C> };
