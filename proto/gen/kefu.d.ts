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
            body?: ("message"|"stateChanged");
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
                body?: ("message"|"stateChanged");
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
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; message?: null; stateChanged?: null }|{ body?: "message"; message: kefu.v1.ChatMessage.$Shape; stateChanged?: null }|{ body?: "stateChanged"; message?: null; stateChanged: kefu.v1.StateChanged.$Shape })
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

        interface IHello extends kefu.v1.Hello.$Properties {
        }

        class Hello {
            constructor(properties?: kefu.v1.Hello.$Properties);
            $unknowns?: Uint8Array[];
            token: string;
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
                token?: (string|null);
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
            maxFrameBytes: number;
            heartbeatMs: number;
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
                maxFrameBytes?: (number|null);
                heartbeatMs?: (number|null);
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

        interface ITyping extends kefu.v1.Typing.$Properties {
        }

        class Typing {
            constructor(properties?: kefu.v1.Typing.$Properties);
            $unknowns?: Uint8Array[];
            sessionId: string;
            on: boolean;
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
                $unknowns?: Uint8Array[];
            }
            type $Shape = kefu.v1.ReadReceipt.$Properties;
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
            kind?: ("hello"|"welcome"|"send"|"ack"|"deliver"|"resume"|"typing"|"read"|"error"|"ping"|"pong");
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
                kind?: ("hello"|"welcome"|"send"|"ack"|"deliver"|"resume"|"typing"|"read"|"error"|"ping"|"pong");
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
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null }|{ kind?: "hello"; hello: kefu.v1.Hello.$Shape; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null }|{ kind?: "welcome"; hello?: null; welcome: kefu.v1.Welcome.$Shape; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null }|{ kind?: "send"; hello?: null; welcome?: null; send: kefu.v1.Send.$Shape; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null }|{ kind?: "ack"; hello?: null; welcome?: null; send?: null; ack: kefu.v1.Ack.$Shape; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null }|{ kind?: "deliver"; hello?: null; welcome?: null; send?: null; ack?: null; deliver: kefu.v1.Deliver.$Shape; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null }|{ kind?: "resume"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume: kefu.v1.Resume.$Shape; typing?: null; read?: null; error?: null; ping?: null; pong?: null }|{ kind?: "typing"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing: kefu.v1.Typing.$Shape; read?: null; error?: null; ping?: null; pong?: null }|{ kind?: "read"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read: kefu.v1.ReadReceipt.$Shape; error?: null; ping?: null; pong?: null }|{ kind?: "error"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error: kefu.v1.Error.$Shape; ping?: null; pong?: null }|{ kind?: "ping"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping: kefu.v1.Ping.$Shape; pong?: null }|{ kind?: "pong"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong: kefu.v1.Pong.$Shape })
            );
        }
    }
}
