import * as $protobuf from "protobufjs/minimal.js";

export namespace kefu {

    namespace v1 {

        enum ActorKind {
            ACTOR_KIND_UNSPECIFIED = 0,
            ACTOR_KIND_VISITOR = 1,
            ACTOR_KIND_AGENT = 2,
            ACTOR_KIND_BOT = 3,
            ACTOR_KIND_SYSTEM = 4
        }

        enum SessionState {
            SESSION_STATE_UNSPECIFIED = 0,
            SESSION_STATE_BOT = 1,
            SESSION_STATE_QUEUED = 2,
            SESSION_STATE_ASSIGNED = 3,
            SESSION_STATE_CLOSED = 4
        }

        interface IActor extends kefu.v1.Actor.$Properties {
        }

        class Actor {
            constructor(properties?: kefu.v1.Actor.$Properties);
            $unknowns?: Uint8Array[];
            kind: kefu.v1.ActorKind;
            id: string;
            static create(properties: kefu.v1.Actor.$Shape): kefu.v1.Actor & kefu.v1.Actor.$Shape;
            static create(properties?: kefu.v1.Actor.$Properties): kefu.v1.Actor;
            static encode(message: kefu.v1.Actor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Actor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Actor & kefu.v1.Actor.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Actor & kefu.v1.Actor.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Actor;
            static toObject(message: kefu.v1.Actor, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Actor {
            interface $Properties {
                kind?: (kefu.v1.ActorKind|null);
                id?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Actor.$Properties;
        }

        interface IChatMessage extends kefu.v1.ChatMessage.$Properties {
        }

        class ChatMessage {
            constructor(properties?: kefu.v1.ChatMessage.$Properties);
            $unknowns?: Uint8Array[];
            clientMsgId: string;
            text: string;
            attributes: { [k: string]: string };
            static create(properties: kefu.v1.ChatMessage.$Shape): kefu.v1.ChatMessage & kefu.v1.ChatMessage.$Shape;
            static create(properties?: kefu.v1.ChatMessage.$Properties): kefu.v1.ChatMessage;
            static encode(message: kefu.v1.ChatMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.ChatMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.ChatMessage & kefu.v1.ChatMessage.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.ChatMessage & kefu.v1.ChatMessage.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.ChatMessage;
            static toObject(message: kefu.v1.ChatMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ChatMessage {
            interface $Properties {
                clientMsgId?: (string|null);
                text?: (string|null);
                attributes?: ({ [k: string]: string }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.ChatMessage.$Properties;
        }

        interface IStateChanged extends kefu.v1.StateChanged.$Properties {
        }

        class StateChanged {
            constructor(properties?: kefu.v1.StateChanged.$Properties);
            $unknowns?: Uint8Array[];
            from: kefu.v1.SessionState;
            to: kefu.v1.SessionState;
            reason: string;
            agentId: string;
            group: string;
            static create(properties: kefu.v1.StateChanged.$Shape): kefu.v1.StateChanged & kefu.v1.StateChanged.$Shape;
            static create(properties?: kefu.v1.StateChanged.$Properties): kefu.v1.StateChanged;
            static encode(message: kefu.v1.StateChanged.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.StateChanged.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.StateChanged & kefu.v1.StateChanged.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.StateChanged & kefu.v1.StateChanged.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.StateChanged;
            static toObject(message: kefu.v1.StateChanged, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace StateChanged {
            interface $Properties {
                from?: (kefu.v1.SessionState|null);
                to?: (kefu.v1.SessionState|null);
                reason?: (string|null);
                agentId?: (string|null);
                group?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.StateChanged.$Properties;
        }

        interface ISessionStarted extends kefu.v1.SessionStarted.$Properties {
        }

        class SessionStarted {
            constructor(properties?: kefu.v1.SessionStarted.$Properties);
            $unknowns?: Uint8Array[];
            visitorId: string;
            metadata: { [k: string]: string };
            static create(properties: kefu.v1.SessionStarted.$Shape): kefu.v1.SessionStarted & kefu.v1.SessionStarted.$Shape;
            static create(properties?: kefu.v1.SessionStarted.$Properties): kefu.v1.SessionStarted;
            static encode(message: kefu.v1.SessionStarted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.SessionStarted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.SessionStarted & kefu.v1.SessionStarted.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.SessionStarted & kefu.v1.SessionStarted.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.SessionStarted;
            static toObject(message: kefu.v1.SessionStarted, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SessionStarted {
            interface $Properties {
                visitorId?: (string|null);
                metadata?: ({ [k: string]: string }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.SessionStarted.$Properties;
        }

        interface INote extends kefu.v1.Note.$Properties {
        }

        class Note {
            constructor(properties?: kefu.v1.Note.$Properties);
            $unknowns?: Uint8Array[];
            clientMsgId: string;
            text: string;
            static create(properties: kefu.v1.Note.$Shape): kefu.v1.Note & kefu.v1.Note.$Shape;
            static create(properties?: kefu.v1.Note.$Properties): kefu.v1.Note;
            static encode(message: kefu.v1.Note.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Note.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Note & kefu.v1.Note.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Note & kefu.v1.Note.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Note;
            static toObject(message: kefu.v1.Note, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Note {
            interface $Properties {
                clientMsgId?: (string|null);
                text?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Note.$Properties;
        }

        interface IRating extends kefu.v1.Rating.$Properties {
        }

        class Rating {
            constructor(properties?: kefu.v1.Rating.$Properties);
            $unknowns?: Uint8Array[];
            score: number;
            comment: string;
            static create(properties: kefu.v1.Rating.$Shape): kefu.v1.Rating & kefu.v1.Rating.$Shape;
            static create(properties?: kefu.v1.Rating.$Properties): kefu.v1.Rating;
            static encode(message: kefu.v1.Rating.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Rating.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Rating & kefu.v1.Rating.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Rating & kefu.v1.Rating.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Rating;
            static toObject(message: kefu.v1.Rating, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Rating {
            interface $Properties {
                score?: (number|null);
                comment?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Rating.$Properties;
        }

        interface ISessionEvent extends kefu.v1.SessionEvent.$Properties {
        }

        class SessionEvent {
            constructor(properties?: kefu.v1.SessionEvent.$Properties);
            $unknowns?: Uint8Array[];
            tenantId: string;
            sessionId: string;
            seq: number;
            atUnixMs: number;
            actor?: (kefu.v1.Actor.$Properties|null);
            message?: (kefu.v1.ChatMessage.$Properties|null);
            stateChanged?: (kefu.v1.StateChanged.$Properties|null);
            started?: (kefu.v1.SessionStarted.$Properties|null);
            note?: (kefu.v1.Note.$Properties|null);
            rating?: (kefu.v1.Rating.$Properties|null);
            body?: ("message"|"stateChanged"|"started"|"note"|"rating");
            static create(properties: kefu.v1.SessionEvent.$Shape): kefu.v1.SessionEvent & kefu.v1.SessionEvent.$Shape;
            static create(properties?: kefu.v1.SessionEvent.$Properties): kefu.v1.SessionEvent;
            static encode(message: kefu.v1.SessionEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.SessionEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.SessionEvent & kefu.v1.SessionEvent.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.SessionEvent & kefu.v1.SessionEvent.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.SessionEvent;
            static toObject(message: kefu.v1.SessionEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SessionEvent {
            interface $Properties {
                tenantId?: (string|null);
                sessionId?: (string|null);
                seq?: (number|null);
                atUnixMs?: (number|null);
                actor?: (kefu.v1.Actor.$Properties|null);
                message?: (kefu.v1.ChatMessage.$Properties|null);
                stateChanged?: (kefu.v1.StateChanged.$Properties|null);
                started?: (kefu.v1.SessionStarted.$Properties|null);
                note?: (kefu.v1.Note.$Properties|null);
                rating?: (kefu.v1.Rating.$Properties|null);
                body?: ("message"|"stateChanged"|"started"|"note"|"rating");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              tenantId?: string|null;
              sessionId?: string|null;
              seq?: number|null;
              atUnixMs?: number|null;
              actor?: kefu.v1.Actor.$Shape|null;
              message?: kefu.v1.ChatMessage.$Shape|null;
              stateChanged?: kefu.v1.StateChanged.$Shape|null;
              started?: kefu.v1.SessionStarted.$Shape|null;
              note?: kefu.v1.Note.$Shape|null;
              rating?: kefu.v1.Rating.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; message?: null; stateChanged?: null; started?: null; note?: null; rating?: null }|{ body?: "message"; message: kefu.v1.ChatMessage.$Shape; stateChanged?: null; started?: null; note?: null; rating?: null }|{ body?: "stateChanged"; message?: null; stateChanged: kefu.v1.StateChanged.$Shape; started?: null; note?: null; rating?: null }|{ body?: "started"; message?: null; stateChanged?: null; started: kefu.v1.SessionStarted.$Shape; note?: null; rating?: null }|{ body?: "note"; message?: null; stateChanged?: null; started?: null; note: kefu.v1.Note.$Shape; rating?: null }|{ body?: "rating"; message?: null; stateChanged?: null; started?: null; note?: null; rating: kefu.v1.Rating.$Shape })
            );
        }

        interface ISessionEventBatch extends kefu.v1.SessionEventBatch.$Properties {
        }

        class SessionEventBatch {
            constructor(properties?: kefu.v1.SessionEventBatch.$Properties);
            $unknowns?: Uint8Array[];
            events: kefu.v1.SessionEvent.$Properties[];
            static create(properties: kefu.v1.SessionEventBatch.$Shape): kefu.v1.SessionEventBatch & kefu.v1.SessionEventBatch.$Shape;
            static create(properties?: kefu.v1.SessionEventBatch.$Properties): kefu.v1.SessionEventBatch;
            static encode(message: kefu.v1.SessionEventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.SessionEventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.SessionEventBatch & kefu.v1.SessionEventBatch.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.SessionEventBatch & kefu.v1.SessionEventBatch.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.SessionEventBatch;
            static toObject(message: kefu.v1.SessionEventBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SessionEventBatch {
            interface $Properties {
                events?: (kefu.v1.SessionEvent.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              events?: kefu.v1.SessionEvent.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        enum SeatState {
            SEAT_STATE_UNSPECIFIED = 0,
            SEAT_STATE_ONLINE = 1,
            SEAT_STATE_BUSY = 2,
            SEAT_STATE_AWAY = 3,
            SEAT_STATE_OFFLINE = 4
        }

        interface IHello extends kefu.v1.Hello.$Properties {
        }

        class Hello {
            constructor(properties?: kefu.v1.Hello.$Properties);
            $unknowns?: Uint8Array[];
            client: string;
            static create(properties: kefu.v1.Hello.$Shape): kefu.v1.Hello & kefu.v1.Hello.$Shape;
            static create(properties?: kefu.v1.Hello.$Properties): kefu.v1.Hello;
            static encode(message: kefu.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Hello & kefu.v1.Hello.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Hello & kefu.v1.Hello.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Hello;
            static toObject(message: kefu.v1.Hello, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {
            interface $Properties {
                client?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Hello.$Properties;
        }

        interface IWelcome extends kefu.v1.Welcome.$Properties {
        }

        class Welcome {
            constructor(properties?: kefu.v1.Welcome.$Properties);
            $unknowns?: Uint8Array[];
            connectionId: string;
            sessionId: string;
            lastSeq: number;
            role: string;
            tenantId: string;
            agentId: string;
            maxFrameBytes: number;
            heartbeatMs: number;
            state: kefu.v1.SessionState;
            static create(properties: kefu.v1.Welcome.$Shape): kefu.v1.Welcome & kefu.v1.Welcome.$Shape;
            static create(properties?: kefu.v1.Welcome.$Properties): kefu.v1.Welcome;
            static encode(message: kefu.v1.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Welcome & kefu.v1.Welcome.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Welcome & kefu.v1.Welcome.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Welcome;
            static toObject(message: kefu.v1.Welcome, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Welcome {
            interface $Properties {
                connectionId?: (string|null);
                sessionId?: (string|null);
                lastSeq?: (number|null);
                role?: (string|null);
                tenantId?: (string|null);
                agentId?: (string|null);
                maxFrameBytes?: (number|null);
                heartbeatMs?: (number|null);
                state?: (kefu.v1.SessionState|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Welcome.$Properties;
        }

        interface ISend extends kefu.v1.Send.$Properties {
        }

        class Send {
            constructor(properties?: kefu.v1.Send.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            message?: (kefu.v1.ChatMessage.$Properties|null);
            internal: boolean;
            static create(properties: kefu.v1.Send.$Shape): kefu.v1.Send & kefu.v1.Send.$Shape;
            static create(properties?: kefu.v1.Send.$Properties): kefu.v1.Send;
            static encode(message: kefu.v1.Send.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Send.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Send & kefu.v1.Send.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Send & kefu.v1.Send.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Send;
            static toObject(message: kefu.v1.Send, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Send {
            interface $Properties {
                sessionId?: (string|null);
                message?: (kefu.v1.ChatMessage.$Properties|null);
                internal?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Send.$Properties;
        }

        interface IAck extends kefu.v1.Ack.$Properties {
        }

        class Ack {
            constructor(properties?: kefu.v1.Ack.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            clientMsgId: string;
            seq: number;
            duplicate: boolean;
            static create(properties: kefu.v1.Ack.$Shape): kefu.v1.Ack & kefu.v1.Ack.$Shape;
            static create(properties?: kefu.v1.Ack.$Properties): kefu.v1.Ack;
            static encode(message: kefu.v1.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Ack & kefu.v1.Ack.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Ack & kefu.v1.Ack.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Ack;
            static toObject(message: kefu.v1.Ack, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ack {
            interface $Properties {
                sessionId?: (string|null);
                clientMsgId?: (string|null);
                seq?: (number|null);
                duplicate?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Ack.$Properties;
        }

        interface IDeliver extends kefu.v1.Deliver.$Properties {
        }

        class Deliver {
            constructor(properties?: kefu.v1.Deliver.$Properties);
            $unknowns?: Uint8Array[];
            event?: (kefu.v1.SessionEvent.$Properties|null);
            static create(properties: kefu.v1.Deliver.$Shape): kefu.v1.Deliver & kefu.v1.Deliver.$Shape;
            static create(properties?: kefu.v1.Deliver.$Properties): kefu.v1.Deliver;
            static encode(message: kefu.v1.Deliver.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Deliver.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Deliver & kefu.v1.Deliver.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Deliver & kefu.v1.Deliver.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Deliver;
            static toObject(message: kefu.v1.Deliver, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Deliver {
            interface $Properties {
                event?: (kefu.v1.SessionEvent.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              event?: kefu.v1.SessionEvent.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IResume extends kefu.v1.Resume.$Properties {
        }

        class Resume {
            constructor(properties?: kefu.v1.Resume.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            lastSeq: number;
            static create(properties: kefu.v1.Resume.$Shape): kefu.v1.Resume & kefu.v1.Resume.$Shape;
            static create(properties?: kefu.v1.Resume.$Properties): kefu.v1.Resume;
            static encode(message: kefu.v1.Resume.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Resume.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Resume & kefu.v1.Resume.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Resume & kefu.v1.Resume.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Resume;
            static toObject(message: kefu.v1.Resume, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Resume {
            interface $Properties {
                sessionId?: (string|null);
                lastSeq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Resume.$Properties;
        }

        interface IResumed extends kefu.v1.Resumed.$Properties {
        }

        class Resumed {
            constructor(properties?: kefu.v1.Resumed.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            fromSeq: number;
            toSeq: number;
            replayed: number;
            source: string;
            static create(properties: kefu.v1.Resumed.$Shape): kefu.v1.Resumed & kefu.v1.Resumed.$Shape;
            static create(properties?: kefu.v1.Resumed.$Properties): kefu.v1.Resumed;
            static encode(message: kefu.v1.Resumed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Resumed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Resumed & kefu.v1.Resumed.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Resumed & kefu.v1.Resumed.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Resumed;
            static toObject(message: kefu.v1.Resumed, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Resumed {
            interface $Properties {
                sessionId?: (string|null);
                fromSeq?: (number|null);
                toSeq?: (number|null);
                replayed?: (number|null);
                source?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Resumed.$Properties;
        }

        interface ITyping extends kefu.v1.Typing.$Properties {
        }

        class Typing {
            constructor(properties?: kefu.v1.Typing.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            on: boolean;
            actor?: (kefu.v1.Actor.$Properties|null);
            static create(properties: kefu.v1.Typing.$Shape): kefu.v1.Typing & kefu.v1.Typing.$Shape;
            static create(properties?: kefu.v1.Typing.$Properties): kefu.v1.Typing;
            static encode(message: kefu.v1.Typing.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Typing.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Typing & kefu.v1.Typing.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Typing & kefu.v1.Typing.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Typing;
            static toObject(message: kefu.v1.Typing, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Typing {
            interface $Properties {
                sessionId?: (string|null);
                on?: (boolean|null);
                actor?: (kefu.v1.Actor.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Typing.$Properties;
        }

        interface IReadReceipt extends kefu.v1.ReadReceipt.$Properties {
        }

        class ReadReceipt {
            constructor(properties?: kefu.v1.ReadReceipt.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            seq: number;
            actor?: (kefu.v1.Actor.$Properties|null);
            static create(properties: kefu.v1.ReadReceipt.$Shape): kefu.v1.ReadReceipt & kefu.v1.ReadReceipt.$Shape;
            static create(properties?: kefu.v1.ReadReceipt.$Properties): kefu.v1.ReadReceipt;
            static encode(message: kefu.v1.ReadReceipt.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.ReadReceipt.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.ReadReceipt & kefu.v1.ReadReceipt.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.ReadReceipt & kefu.v1.ReadReceipt.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.ReadReceipt;
            static toObject(message: kefu.v1.ReadReceipt, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReadReceipt {
            interface $Properties {
                sessionId?: (string|null);
                seq?: (number|null);
                actor?: (kefu.v1.Actor.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.ReadReceipt.$Properties;
        }

        interface IPresence extends kefu.v1.Presence.$Properties {
        }

        class Presence {
            constructor(properties?: kefu.v1.Presence.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            actor?: (kefu.v1.Actor.$Properties|null);
            online: boolean;
            static create(properties: kefu.v1.Presence.$Shape): kefu.v1.Presence & kefu.v1.Presence.$Shape;
            static create(properties?: kefu.v1.Presence.$Properties): kefu.v1.Presence;
            static encode(message: kefu.v1.Presence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Presence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Presence & kefu.v1.Presence.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Presence & kefu.v1.Presence.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Presence;
            static toObject(message: kefu.v1.Presence, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Presence {
            interface $Properties {
                sessionId?: (string|null);
                actor?: (kefu.v1.Actor.$Properties|null);
                online?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Presence.$Properties;
        }

        interface IBotDelta extends kefu.v1.BotDelta.$Properties {
        }

        class BotDelta {
            constructor(properties?: kefu.v1.BotDelta.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            replyId: string;
            text: string;
            done: boolean;
            static create(properties: kefu.v1.BotDelta.$Shape): kefu.v1.BotDelta & kefu.v1.BotDelta.$Shape;
            static create(properties?: kefu.v1.BotDelta.$Properties): kefu.v1.BotDelta;
            static encode(message: kefu.v1.BotDelta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.BotDelta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.BotDelta & kefu.v1.BotDelta.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.BotDelta & kefu.v1.BotDelta.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.BotDelta;
            static toObject(message: kefu.v1.BotDelta, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BotDelta {
            interface $Properties {
                sessionId?: (string|null);
                replyId?: (string|null);
                text?: (string|null);
                done?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.BotDelta.$Properties;
        }

        interface IHandoff extends kefu.v1.Handoff.$Properties {
        }

        class Handoff {
            constructor(properties?: kefu.v1.Handoff.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            group: string;
            reason: string;
            static create(properties: kefu.v1.Handoff.$Shape): kefu.v1.Handoff & kefu.v1.Handoff.$Shape;
            static create(properties?: kefu.v1.Handoff.$Properties): kefu.v1.Handoff;
            static encode(message: kefu.v1.Handoff.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Handoff.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Handoff & kefu.v1.Handoff.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Handoff & kefu.v1.Handoff.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Handoff;
            static toObject(message: kefu.v1.Handoff, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Handoff {
            interface $Properties {
                sessionId?: (string|null);
                group?: (string|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Handoff.$Properties;
        }

        interface IAssignment extends kefu.v1.Assignment.$Properties {
        }

        class Assignment {
            constructor(properties?: kefu.v1.Assignment.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            agentId: string;
            group: string;
            waitedMs: number;
            agentName: string;
            static create(properties: kefu.v1.Assignment.$Shape): kefu.v1.Assignment & kefu.v1.Assignment.$Shape;
            static create(properties?: kefu.v1.Assignment.$Properties): kefu.v1.Assignment;
            static encode(message: kefu.v1.Assignment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Assignment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Assignment & kefu.v1.Assignment.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Assignment & kefu.v1.Assignment.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Assignment;
            static toObject(message: kefu.v1.Assignment, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Assignment {
            interface $Properties {
                sessionId?: (string|null);
                agentId?: (string|null);
                group?: (string|null);
                waitedMs?: (number|null);
                agentName?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Assignment.$Properties;
        }

        interface IQueuePosition extends kefu.v1.QueuePosition.$Properties {
        }

        class QueuePosition {
            constructor(properties?: kefu.v1.QueuePosition.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            group: string;
            position: number;
            static create(properties: kefu.v1.QueuePosition.$Shape): kefu.v1.QueuePosition & kefu.v1.QueuePosition.$Shape;
            static create(properties?: kefu.v1.QueuePosition.$Properties): kefu.v1.QueuePosition;
            static encode(message: kefu.v1.QueuePosition.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.QueuePosition.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.QueuePosition & kefu.v1.QueuePosition.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.QueuePosition & kefu.v1.QueuePosition.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.QueuePosition;
            static toObject(message: kefu.v1.QueuePosition, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace QueuePosition {
            interface $Properties {
                sessionId?: (string|null);
                group?: (string|null);
                position?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.QueuePosition.$Properties;
        }

        interface IAgentState extends kefu.v1.AgentState.$Properties {
        }

        class AgentState {
            constructor(properties?: kefu.v1.AgentState.$Properties);
            $unknowns?: Uint8Array[];
            agentId: string;
            state: kefu.v1.SeatState;
            version: number;
            capacity: number;
            load: number;
            static create(properties: kefu.v1.AgentState.$Shape): kefu.v1.AgentState & kefu.v1.AgentState.$Shape;
            static create(properties?: kefu.v1.AgentState.$Properties): kefu.v1.AgentState;
            static encode(message: kefu.v1.AgentState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.AgentState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.AgentState & kefu.v1.AgentState.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.AgentState & kefu.v1.AgentState.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.AgentState;
            static toObject(message: kefu.v1.AgentState, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AgentState {
            interface $Properties {
                agentId?: (string|null);
                state?: (kefu.v1.SeatState|null);
                version?: (number|null);
                capacity?: (number|null);
                load?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.AgentState.$Properties;
        }

        interface ITransfer extends kefu.v1.Transfer.$Properties {
        }

        class Transfer {
            constructor(properties?: kefu.v1.Transfer.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            toAgentId: string;
            toGroup: string;
            reason: string;
            static create(properties: kefu.v1.Transfer.$Shape): kefu.v1.Transfer & kefu.v1.Transfer.$Shape;
            static create(properties?: kefu.v1.Transfer.$Properties): kefu.v1.Transfer;
            static encode(message: kefu.v1.Transfer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Transfer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Transfer & kefu.v1.Transfer.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Transfer & kefu.v1.Transfer.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Transfer;
            static toObject(message: kefu.v1.Transfer, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Transfer {
            interface $Properties {
                sessionId?: (string|null);
                toAgentId?: (string|null);
                toGroup?: (string|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Transfer.$Properties;
        }

        interface IReturnToBot extends kefu.v1.ReturnToBot.$Properties {
        }

        class ReturnToBot {
            constructor(properties?: kefu.v1.ReturnToBot.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            reason: string;
            static create(properties: kefu.v1.ReturnToBot.$Shape): kefu.v1.ReturnToBot & kefu.v1.ReturnToBot.$Shape;
            static create(properties?: kefu.v1.ReturnToBot.$Properties): kefu.v1.ReturnToBot;
            static encode(message: kefu.v1.ReturnToBot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.ReturnToBot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.ReturnToBot & kefu.v1.ReturnToBot.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.ReturnToBot & kefu.v1.ReturnToBot.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.ReturnToBot;
            static toObject(message: kefu.v1.ReturnToBot, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReturnToBot {
            interface $Properties {
                sessionId?: (string|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.ReturnToBot.$Properties;
        }

        interface IClose extends kefu.v1.Close.$Properties {
        }

        class Close {
            constructor(properties?: kefu.v1.Close.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            reason: string;
            static create(properties: kefu.v1.Close.$Shape): kefu.v1.Close & kefu.v1.Close.$Shape;
            static create(properties?: kefu.v1.Close.$Properties): kefu.v1.Close;
            static encode(message: kefu.v1.Close.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Close.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Close & kefu.v1.Close.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Close & kefu.v1.Close.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Close;
            static toObject(message: kefu.v1.Close, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Close {
            interface $Properties {
                sessionId?: (string|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Close.$Properties;
        }

        interface IWatch extends kefu.v1.Watch.$Properties {
        }

        class Watch {
            constructor(properties?: kefu.v1.Watch.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            static create(properties: kefu.v1.Watch.$Shape): kefu.v1.Watch & kefu.v1.Watch.$Shape;
            static create(properties?: kefu.v1.Watch.$Properties): kefu.v1.Watch;
            static encode(message: kefu.v1.Watch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Watch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Watch & kefu.v1.Watch.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Watch & kefu.v1.Watch.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Watch;
            static toObject(message: kefu.v1.Watch, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Watch {
            interface $Properties {
                sessionId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Watch.$Properties;
        }

        interface IAlert extends kefu.v1.Alert.$Properties {
        }

        class Alert {
            constructor(properties?: kefu.v1.Alert.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            kind: string;
            message: string;
            agentId: string;
            static create(properties: kefu.v1.Alert.$Shape): kefu.v1.Alert & kefu.v1.Alert.$Shape;
            static create(properties?: kefu.v1.Alert.$Properties): kefu.v1.Alert;
            static encode(message: kefu.v1.Alert.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Alert.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Alert & kefu.v1.Alert.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Alert & kefu.v1.Alert.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Alert;
            static toObject(message: kefu.v1.Alert, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Alert {
            interface $Properties {
                sessionId?: (string|null);
                kind?: (string|null);
                message?: (string|null);
                agentId?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Alert.$Properties;
        }

        interface IError extends kefu.v1.Error.$Properties {
        }

        class Error {
            constructor(properties?: kefu.v1.Error.$Properties);
            $unknowns?: Uint8Array[];
            code: string;
            message: string;
            ref: string;
            static create(properties: kefu.v1.Error.$Shape): kefu.v1.Error & kefu.v1.Error.$Shape;
            static create(properties?: kefu.v1.Error.$Properties): kefu.v1.Error;
            static encode(message: kefu.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Error & kefu.v1.Error.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Error & kefu.v1.Error.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Error;
            static toObject(message: kefu.v1.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {
            interface $Properties {
                code?: (string|null);
                message?: (string|null);
                ref?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Error.$Properties;
        }

        interface IPing extends kefu.v1.Ping.$Properties {
        }

        class Ping {
            constructor(properties?: kefu.v1.Ping.$Properties);
            $unknowns?: Uint8Array[];
            atUnixMs: number;
            static create(properties: kefu.v1.Ping.$Shape): kefu.v1.Ping & kefu.v1.Ping.$Shape;
            static create(properties?: kefu.v1.Ping.$Properties): kefu.v1.Ping;
            static encode(message: kefu.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Ping & kefu.v1.Ping.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Ping & kefu.v1.Ping.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Ping;
            static toObject(message: kefu.v1.Ping, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ping {
            interface $Properties {
                atUnixMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Ping.$Properties;
        }

        interface IPong extends kefu.v1.Pong.$Properties {
        }

        class Pong {
            constructor(properties?: kefu.v1.Pong.$Properties);
            $unknowns?: Uint8Array[];
            atUnixMs: number;
            static create(properties: kefu.v1.Pong.$Shape): kefu.v1.Pong & kefu.v1.Pong.$Shape;
            static create(properties?: kefu.v1.Pong.$Properties): kefu.v1.Pong;
            static encode(message: kefu.v1.Pong.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Pong.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Pong & kefu.v1.Pong.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Pong & kefu.v1.Pong.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Pong;
            static toObject(message: kefu.v1.Pong, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Pong {
            interface $Properties {
                atUnixMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.Pong.$Properties;
        }

        interface IFrame extends kefu.v1.Frame.$Properties {
        }

        class Frame {
            constructor(properties?: kefu.v1.Frame.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            hello?: (kefu.v1.Hello.$Properties|null);
            welcome?: (kefu.v1.Welcome.$Properties|null);
            send?: (kefu.v1.Send.$Properties|null);
            ack?: (kefu.v1.Ack.$Properties|null);
            deliver?: (kefu.v1.Deliver.$Properties|null);
            resume?: (kefu.v1.Resume.$Properties|null);
            typing?: (kefu.v1.Typing.$Properties|null);
            read?: (kefu.v1.ReadReceipt.$Properties|null);
            error?: (kefu.v1.Error.$Properties|null);
            ping?: (kefu.v1.Ping.$Properties|null);
            pong?: (kefu.v1.Pong.$Properties|null);
            resumed?: (kefu.v1.Resumed.$Properties|null);
            presence?: (kefu.v1.Presence.$Properties|null);
            botDelta?: (kefu.v1.BotDelta.$Properties|null);
            handoff?: (kefu.v1.Handoff.$Properties|null);
            assignment?: (kefu.v1.Assignment.$Properties|null);
            queuePosition?: (kefu.v1.QueuePosition.$Properties|null);
            agentState?: (kefu.v1.AgentState.$Properties|null);
            transfer?: (kefu.v1.Transfer.$Properties|null);
            returnToBot?: (kefu.v1.ReturnToBot.$Properties|null);
            close?: (kefu.v1.Close.$Properties|null);
            watch?: (kefu.v1.Watch.$Properties|null);
            alert?: (kefu.v1.Alert.$Properties|null);
            kind?: ("hello"|"welcome"|"send"|"ack"|"deliver"|"resume"|"typing"|"read"|"error"|"ping"|"pong"|"resumed"|"presence"|"botDelta"|"handoff"|"assignment"|"queuePosition"|"agentState"|"transfer"|"returnToBot"|"close"|"watch"|"alert");
            static create(properties: kefu.v1.Frame.$Shape): kefu.v1.Frame & kefu.v1.Frame.$Shape;
            static create(properties?: kefu.v1.Frame.$Properties): kefu.v1.Frame;
            static encode(message: kefu.v1.Frame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: kefu.v1.Frame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): kefu.v1.Frame & kefu.v1.Frame.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): kefu.v1.Frame & kefu.v1.Frame.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): kefu.v1.Frame;
            static toObject(message: kefu.v1.Frame, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Frame {
            interface $Properties {
                id?: (string|null);
                hello?: (kefu.v1.Hello.$Properties|null);
                welcome?: (kefu.v1.Welcome.$Properties|null);
                send?: (kefu.v1.Send.$Properties|null);
                ack?: (kefu.v1.Ack.$Properties|null);
                deliver?: (kefu.v1.Deliver.$Properties|null);
                resume?: (kefu.v1.Resume.$Properties|null);
                typing?: (kefu.v1.Typing.$Properties|null);
                read?: (kefu.v1.ReadReceipt.$Properties|null);
                error?: (kefu.v1.Error.$Properties|null);
                ping?: (kefu.v1.Ping.$Properties|null);
                pong?: (kefu.v1.Pong.$Properties|null);
                resumed?: (kefu.v1.Resumed.$Properties|null);
                presence?: (kefu.v1.Presence.$Properties|null);
                botDelta?: (kefu.v1.BotDelta.$Properties|null);
                handoff?: (kefu.v1.Handoff.$Properties|null);
                assignment?: (kefu.v1.Assignment.$Properties|null);
                queuePosition?: (kefu.v1.QueuePosition.$Properties|null);
                agentState?: (kefu.v1.AgentState.$Properties|null);
                transfer?: (kefu.v1.Transfer.$Properties|null);
                returnToBot?: (kefu.v1.ReturnToBot.$Properties|null);
                close?: (kefu.v1.Close.$Properties|null);
                watch?: (kefu.v1.Watch.$Properties|null);
                alert?: (kefu.v1.Alert.$Properties|null);
                kind?: ("hello"|"welcome"|"send"|"ack"|"deliver"|"resume"|"typing"|"read"|"error"|"ping"|"pong"|"resumed"|"presence"|"botDelta"|"handoff"|"assignment"|"queuePosition"|"agentState"|"transfer"|"returnToBot"|"close"|"watch"|"alert");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              id?: string|null;
              hello?: kefu.v1.Hello.$Shape|null;
              welcome?: kefu.v1.Welcome.$Shape|null;
              send?: kefu.v1.Send.$Shape|null;
              ack?: kefu.v1.Ack.$Shape|null;
              deliver?: kefu.v1.Deliver.$Shape|null;
              resume?: kefu.v1.Resume.$Shape|null;
              typing?: kefu.v1.Typing.$Shape|null;
              read?: kefu.v1.ReadReceipt.$Shape|null;
              error?: kefu.v1.Error.$Shape|null;
              ping?: kefu.v1.Ping.$Shape|null;
              pong?: kefu.v1.Pong.$Shape|null;
              resumed?: kefu.v1.Resumed.$Shape|null;
              presence?: kefu.v1.Presence.$Shape|null;
              botDelta?: kefu.v1.BotDelta.$Shape|null;
              handoff?: kefu.v1.Handoff.$Shape|null;
              assignment?: kefu.v1.Assignment.$Shape|null;
              queuePosition?: kefu.v1.QueuePosition.$Shape|null;
              agentState?: kefu.v1.AgentState.$Shape|null;
              transfer?: kefu.v1.Transfer.$Shape|null;
              returnToBot?: kefu.v1.ReturnToBot.$Shape|null;
              close?: kefu.v1.Close.$Shape|null;
              watch?: kefu.v1.Watch.$Shape|null;
              alert?: kefu.v1.Alert.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "hello"; hello: kefu.v1.Hello.$Shape; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "welcome"; hello?: null; welcome: kefu.v1.Welcome.$Shape; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "send"; hello?: null; welcome?: null; send: kefu.v1.Send.$Shape; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "ack"; hello?: null; welcome?: null; send?: null; ack: kefu.v1.Ack.$Shape; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "deliver"; hello?: null; welcome?: null; send?: null; ack?: null; deliver: kefu.v1.Deliver.$Shape; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "resume"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume: kefu.v1.Resume.$Shape; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "typing"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing: kefu.v1.Typing.$Shape; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "read"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read: kefu.v1.ReadReceipt.$Shape; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "error"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error: kefu.v1.Error.$Shape; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "ping"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping: kefu.v1.Ping.$Shape; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "pong"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong: kefu.v1.Pong.$Shape; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "resumed"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed: kefu.v1.Resumed.$Shape; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "presence"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence: kefu.v1.Presence.$Shape; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "botDelta"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta: kefu.v1.BotDelta.$Shape; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "handoff"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff: kefu.v1.Handoff.$Shape; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "assignment"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment: kefu.v1.Assignment.$Shape; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "queuePosition"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition: kefu.v1.QueuePosition.$Shape; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "agentState"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState: kefu.v1.AgentState.$Shape; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "transfer"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer: kefu.v1.Transfer.$Shape; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "returnToBot"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot: kefu.v1.ReturnToBot.$Shape; close?: null; watch?: null; alert?: null }|{ kind?: "close"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close: kefu.v1.Close.$Shape; watch?: null; alert?: null }|{ kind?: "watch"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch: kefu.v1.Watch.$Shape; alert?: null }|{ kind?: "alert"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert: kefu.v1.Alert.$Shape })
            );
        }
    }
}
