/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Array = $util.global.Array, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const kefu = $root.kefu = (() => {

    /**
     * Namespace kefu.
     * @exports kefu
     * @namespace
     */
    const kefu = {};

    kefu.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof kefu
         * @namespace
         */
        const v1 = {};

        /**
         * ActorKind enum.
         * @name kefu.v1.ActorKind
         * @enum {number}
         * @property {number} ACTOR_KIND_UNSPECIFIED=0 ACTOR_KIND_UNSPECIFIED value
         * @property {number} ACTOR_KIND_VISITOR=1 ACTOR_KIND_VISITOR value
         * @property {number} ACTOR_KIND_AGENT=2 ACTOR_KIND_AGENT value
         * @property {number} ACTOR_KIND_BOT=3 ACTOR_KIND_BOT value
         * @property {number} ACTOR_KIND_SYSTEM=4 ACTOR_KIND_SYSTEM value
         */
        v1.ActorKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ACTOR_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ACTOR_KIND_VISITOR"] = 1;
            values[valuesById[2] = "ACTOR_KIND_AGENT"] = 2;
            values[valuesById[3] = "ACTOR_KIND_BOT"] = 3;
            values[valuesById[4] = "ACTOR_KIND_SYSTEM"] = 4;
            return values;
        })();

        /**
         * SessionState enum.
         * @name kefu.v1.SessionState
         * @enum {number}
         * @property {number} SESSION_STATE_UNSPECIFIED=0 SESSION_STATE_UNSPECIFIED value
         * @property {number} SESSION_STATE_BOT=1 SESSION_STATE_BOT value
         * @property {number} SESSION_STATE_QUEUED=2 SESSION_STATE_QUEUED value
         * @property {number} SESSION_STATE_ASSIGNED=3 SESSION_STATE_ASSIGNED value
         * @property {number} SESSION_STATE_CLOSED=4 SESSION_STATE_CLOSED value
         */
        v1.SessionState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SESSION_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SESSION_STATE_BOT"] = 1;
            values[valuesById[2] = "SESSION_STATE_QUEUED"] = 2;
            values[valuesById[3] = "SESSION_STATE_ASSIGNED"] = 3;
            values[valuesById[4] = "SESSION_STATE_CLOSED"] = 4;
            return values;
        })();

        v1.Actor = (function() {

            /**
             * Properties of an Actor.
             * @typedef {Object} kefu.v1.Actor.$Properties
             * @property {kefu.v1.ActorKind|null} [kind] Actor kind
             * @property {string|null} [id] Actor id
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Actor.
             * @memberof kefu.v1
             * @interface IActor
             * @augments kefu.v1.Actor.$Properties
             * @deprecated Use kefu.v1.Actor.$Properties instead.
             */

            /**
             * Shape of an Actor.
             * @typedef {kefu.v1.Actor.$Properties} kefu.v1.Actor.$Shape
             */

            /**
             * Constructs a new Actor.
             * @memberof kefu.v1
             * @classdesc Represents an Actor.
             * @constructor
             * @param {kefu.v1.Actor.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Actor = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Actor kind.
             * @member {kefu.v1.ActorKind} kind
             * @memberof kefu.v1.Actor
             * @instance
             */
            Actor.prototype.kind = 0;

            /**
             * Actor id.
             * @member {string} id
             * @memberof kefu.v1.Actor
             * @instance
             */
            Actor.prototype.id = "";

            /**
             * Creates a new Actor instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Actor
             * @static
             * @param {kefu.v1.Actor.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Actor} Actor instance
             * @type {{
             *   (properties: kefu.v1.Actor.$Shape): kefu.v1.Actor & kefu.v1.Actor.$Shape;
             *   (properties?: kefu.v1.Actor.$Properties): kefu.v1.Actor;
             * }}
             */
            Actor.create = function(properties) {
                return new Actor(properties);
            };

            /**
             * Encodes the specified Actor message. Does not implicitly {@link kefu.v1.Actor.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Actor
             * @static
             * @param {kefu.v1.Actor.$Properties} message Actor message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Actor.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.id);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Actor message, length delimited. Does not implicitly {@link kefu.v1.Actor.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Actor
             * @static
             * @param {kefu.v1.Actor.$Properties} message Actor message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Actor.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Actor message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Actor
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Actor & kefu.v1.Actor.$Shape} Actor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Actor.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Actor();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Actor message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Actor
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Actor & kefu.v1.Actor.$Shape} Actor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Actor.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Actor message.
             * @function verify
             * @memberof kefu.v1.Actor
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Actor.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (typeof message.kind !== "number" || (message.kind | 0) !== message.kind)
                        return "kind: enum value expected";
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    if (!$util.isString(message.id))
                        return "id: string expected";
                return null;
            };

            /**
             * Creates an Actor message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Actor
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Actor} Actor
             */
            Actor.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Actor)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Actor: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Actor();
                if (object.kind !== 0 && (typeof object.kind !== "string" || $root.kefu.v1.ActorKind[object.kind] !== 0))
                    switch (object.kind) {
                    case "ACTOR_KIND_UNSPECIFIED":
                    case 0:
                        message.kind = 0;
                        break;
                    case "ACTOR_KIND_VISITOR":
                    case 1:
                        message.kind = 1;
                        break;
                    case "ACTOR_KIND_AGENT":
                    case 2:
                        message.kind = 2;
                        break;
                    case "ACTOR_KIND_BOT":
                    case 3:
                        message.kind = 3;
                        break;
                    case "ACTOR_KIND_SYSTEM":
                    case 4:
                        message.kind = 4;
                        break;
                    default:
                        if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                            message.kind = object.kind;
                    }
                if (object.id != null)
                    if (typeof object.id !== "string" || object.id.length)
                        message.id = $String(object.id);
                return message;
            };

            /**
             * Creates a plain object from an Actor message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Actor
             * @static
             * @param {kefu.v1.Actor} message Actor
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Actor.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.kind = options.enums === $String ? "ACTOR_KIND_UNSPECIFIED" : 0;
                    object.id = "";
                }
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = options.enums === $String ? $root.kefu.v1.ActorKind[message.kind] === $undefined ? message.kind : $root.kefu.v1.ActorKind[message.kind] : message.kind;
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    object.id = message.id;
                return object;
            };

            /**
             * Converts this Actor to JSON.
             * @function toJSON
             * @memberof kefu.v1.Actor
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Actor.prototype.toJSON = function() {
                return Actor.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Actor
             * @function getTypeUrl
             * @memberof kefu.v1.Actor
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Actor.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Actor";
            };

            return Actor;
        })();

        v1.ChatMessage = (function() {

            /**
             * Properties of a ChatMessage.
             * @typedef {Object} kefu.v1.ChatMessage.$Properties
             * @property {string|null} [clientMsgId] ChatMessage clientMsgId
             * @property {string|null} [text] ChatMessage text
             * @property {Object.<string,string>|null} [attributes] ChatMessage attributes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ChatMessage.
             * @memberof kefu.v1
             * @interface IChatMessage
             * @augments kefu.v1.ChatMessage.$Properties
             * @deprecated Use kefu.v1.ChatMessage.$Properties instead.
             */

            /**
             * Shape of a ChatMessage.
             * @typedef {kefu.v1.ChatMessage.$Properties} kefu.v1.ChatMessage.$Shape
             */

            /**
             * Constructs a new ChatMessage.
             * @memberof kefu.v1
             * @classdesc Represents a ChatMessage.
             * @constructor
             * @param {kefu.v1.ChatMessage.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ChatMessage = function (properties) {
                this.attributes = {};
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ChatMessage clientMsgId.
             * @member {string} clientMsgId
             * @memberof kefu.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.clientMsgId = "";

            /**
             * ChatMessage text.
             * @member {string} text
             * @memberof kefu.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.text = "";

            /**
             * ChatMessage attributes.
             * @member {Object.<string,string>} attributes
             * @memberof kefu.v1.ChatMessage
             * @instance
             */
            ChatMessage.prototype.attributes = $util.emptyObject;

            /**
             * Creates a new ChatMessage instance using the specified properties.
             * @function create
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {kefu.v1.ChatMessage.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.ChatMessage} ChatMessage instance
             * @type {{
             *   (properties: kefu.v1.ChatMessage.$Shape): kefu.v1.ChatMessage & kefu.v1.ChatMessage.$Shape;
             *   (properties?: kefu.v1.ChatMessage.$Properties): kefu.v1.ChatMessage;
             * }}
             */
            ChatMessage.create = function(properties) {
                return new ChatMessage(properties);
            };

            /**
             * Encodes the specified ChatMessage message. Does not implicitly {@link kefu.v1.ChatMessage.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {kefu.v1.ChatMessage.$Properties} message ChatMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChatMessage.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId") && message.clientMsgId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.clientMsgId);
                if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.text);
                if (message.attributes != null && $Object.hasOwnProperty.call(message, "attributes"))
                    for (let keys = $Object.keys(message.attributes), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.attributes[keys[i]]).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ChatMessage message, length delimited. Does not implicitly {@link kefu.v1.ChatMessage.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {kefu.v1.ChatMessage.$Properties} message ChatMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChatMessage.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ChatMessage message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.ChatMessage & kefu.v1.ChatMessage.$Shape} ChatMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChatMessage.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, key, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.ChatMessage();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.clientMsgId = value;
                            else
                                delete message.clientMsgId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.text = value;
                            else
                                delete message.text;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (message.attributes === $util.emptyObject)
                                message.attributes = {};
                            let end2 = reader.size() + reader.pos;
                            if (end2 > reader.len)
                                throw $RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.tag();
                                wireType = tag2 & 7;
                                switch (tag2 >>>= 3) {
                                case 1:
                                    if (wireType !== 2)
                                        break;
                                    key = reader.stringVerify();
                                    continue;
                                case 2:
                                    if (wireType !== 2)
                                        break;
                                    value = reader.stringVerify();
                                    continue;
                                }
                                reader.skipType(wireType, _depth, tag2);
                            }
                            if (reader.pos !== end2)
                                throw $RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.attributes, key);
                            message.attributes[key] = value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a ChatMessage message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.ChatMessage & kefu.v1.ChatMessage.$Shape} ChatMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChatMessage.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ChatMessage message.
             * @function verify
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ChatMessage.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId"))
                    if (!$util.isString(message.clientMsgId))
                        return "clientMsgId: string expected";
                if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                    if (!$util.isString(message.text))
                        return "text: string expected";
                if (message.attributes != null && $Object.hasOwnProperty.call(message, "attributes")) {
                    if (!$util.isObject(message.attributes))
                        return "attributes: object expected";
                    let key = $Object.keys(message.attributes);
                    for (let i = 0; i < key.length; ++i)
                        if (!$util.isString(message.attributes[key[i]]))
                            return "attributes: string{k:string} expected";
                }
                return null;
            };

            /**
             * Creates a ChatMessage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.ChatMessage} ChatMessage
             */
            ChatMessage.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.ChatMessage)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.ChatMessage: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.ChatMessage();
                if (object.clientMsgId != null)
                    if (typeof object.clientMsgId !== "string" || object.clientMsgId.length)
                        message.clientMsgId = $String(object.clientMsgId);
                if (object.text != null)
                    if (typeof object.text !== "string" || object.text.length)
                        message.text = $String(object.text);
                if (object.attributes) {
                    if (!$util.isObject(object.attributes))
                        throw $TypeError(".kefu.v1.ChatMessage.attributes: object expected");
                    message.attributes = {};
                    for (let keys = $Object.keys(object.attributes), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.attributes, keys[i]);
                        message.attributes[keys[i]] = $String(object.attributes[keys[i]]);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a ChatMessage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {kefu.v1.ChatMessage} message ChatMessage
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ChatMessage.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.attributes = {};
                if (options.defaults) {
                    object.clientMsgId = "";
                    object.text = "";
                }
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId"))
                    object.clientMsgId = message.clientMsgId;
                if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                    object.text = message.text;
                let keys2;
                if (message.attributes && (keys2 = $Object.keys(message.attributes)).length) {
                    object.attributes = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.attributes, keys2[j]);
                        object.attributes[keys2[j]] = message.attributes[keys2[j]];
                    }
                }
                return object;
            };

            /**
             * Converts this ChatMessage to JSON.
             * @function toJSON
             * @memberof kefu.v1.ChatMessage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ChatMessage.prototype.toJSON = function() {
                return ChatMessage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ChatMessage
             * @function getTypeUrl
             * @memberof kefu.v1.ChatMessage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ChatMessage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.ChatMessage";
            };

            return ChatMessage;
        })();

        v1.StateChanged = (function() {

            /**
             * Properties of a StateChanged.
             * @typedef {Object} kefu.v1.StateChanged.$Properties
             * @property {kefu.v1.SessionState|null} [from] StateChanged from
             * @property {kefu.v1.SessionState|null} [to] StateChanged to
             * @property {string|null} [reason] StateChanged reason
             * @property {string|null} [agentId] StateChanged agentId
             * @property {string|null} [group] StateChanged group
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StateChanged.
             * @memberof kefu.v1
             * @interface IStateChanged
             * @augments kefu.v1.StateChanged.$Properties
             * @deprecated Use kefu.v1.StateChanged.$Properties instead.
             */

            /**
             * Shape of a StateChanged.
             * @typedef {kefu.v1.StateChanged.$Properties} kefu.v1.StateChanged.$Shape
             */

            /**
             * Constructs a new StateChanged.
             * @memberof kefu.v1
             * @classdesc Represents a StateChanged.
             * @constructor
             * @param {kefu.v1.StateChanged.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StateChanged = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * StateChanged from.
             * @member {kefu.v1.SessionState} from
             * @memberof kefu.v1.StateChanged
             * @instance
             */
            StateChanged.prototype.from = 0;

            /**
             * StateChanged to.
             * @member {kefu.v1.SessionState} to
             * @memberof kefu.v1.StateChanged
             * @instance
             */
            StateChanged.prototype.to = 0;

            /**
             * StateChanged reason.
             * @member {string} reason
             * @memberof kefu.v1.StateChanged
             * @instance
             */
            StateChanged.prototype.reason = "";

            /**
             * StateChanged agentId.
             * @member {string} agentId
             * @memberof kefu.v1.StateChanged
             * @instance
             */
            StateChanged.prototype.agentId = "";

            /**
             * StateChanged group.
             * @member {string} group
             * @memberof kefu.v1.StateChanged
             * @instance
             */
            StateChanged.prototype.group = "";

            /**
             * Creates a new StateChanged instance using the specified properties.
             * @function create
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {kefu.v1.StateChanged.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.StateChanged} StateChanged instance
             * @type {{
             *   (properties: kefu.v1.StateChanged.$Shape): kefu.v1.StateChanged & kefu.v1.StateChanged.$Shape;
             *   (properties?: kefu.v1.StateChanged.$Properties): kefu.v1.StateChanged;
             * }}
             */
            StateChanged.create = function(properties) {
                return new StateChanged(properties);
            };

            /**
             * Encodes the specified StateChanged message. Does not implicitly {@link kefu.v1.StateChanged.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {kefu.v1.StateChanged.$Properties} message StateChanged message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StateChanged.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.from != null && $Object.hasOwnProperty.call(message, "from") && message.from !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.from);
                if (message.to != null && $Object.hasOwnProperty.call(message, "to") && message.to !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.to);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId") && message.agentId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.agentId);
                if (message.group != null && $Object.hasOwnProperty.call(message, "group") && message.group !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.group);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified StateChanged message, length delimited. Does not implicitly {@link kefu.v1.StateChanged.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {kefu.v1.StateChanged.$Properties} message StateChanged message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StateChanged.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StateChanged message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.StateChanged & kefu.v1.StateChanged.$Shape} StateChanged
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StateChanged.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.StateChanged();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.from = value;
                            else
                                delete message.from;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.to = value;
                            else
                                delete message.to;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentId = value;
                            else
                                delete message.agentId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.group = value;
                            else
                                delete message.group;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a StateChanged message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.StateChanged & kefu.v1.StateChanged.$Shape} StateChanged
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StateChanged.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StateChanged message.
             * @function verify
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StateChanged.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.from != null && $Object.hasOwnProperty.call(message, "from"))
                    if (typeof message.from !== "number" || (message.from | 0) !== message.from)
                        return "from: enum value expected";
                if (message.to != null && $Object.hasOwnProperty.call(message, "to"))
                    if (typeof message.to !== "number" || (message.to | 0) !== message.to)
                        return "to: enum value expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    if (!$util.isString(message.agentId))
                        return "agentId: string expected";
                if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                    if (!$util.isString(message.group))
                        return "group: string expected";
                return null;
            };

            /**
             * Creates a StateChanged message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.StateChanged} StateChanged
             */
            StateChanged.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.StateChanged)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.StateChanged: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.StateChanged();
                if (object.from !== 0 && (typeof object.from !== "string" || $root.kefu.v1.SessionState[object.from] !== 0))
                    switch (object.from) {
                    case "SESSION_STATE_UNSPECIFIED":
                    case 0:
                        message.from = 0;
                        break;
                    case "SESSION_STATE_BOT":
                    case 1:
                        message.from = 1;
                        break;
                    case "SESSION_STATE_QUEUED":
                    case 2:
                        message.from = 2;
                        break;
                    case "SESSION_STATE_ASSIGNED":
                    case 3:
                        message.from = 3;
                        break;
                    case "SESSION_STATE_CLOSED":
                    case 4:
                        message.from = 4;
                        break;
                    default:
                        if (typeof object.from === "number" && (object.from | 0) === object.from)
                            message.from = object.from;
                    }
                if (object.to !== 0 && (typeof object.to !== "string" || $root.kefu.v1.SessionState[object.to] !== 0))
                    switch (object.to) {
                    case "SESSION_STATE_UNSPECIFIED":
                    case 0:
                        message.to = 0;
                        break;
                    case "SESSION_STATE_BOT":
                    case 1:
                        message.to = 1;
                        break;
                    case "SESSION_STATE_QUEUED":
                    case 2:
                        message.to = 2;
                        break;
                    case "SESSION_STATE_ASSIGNED":
                    case 3:
                        message.to = 3;
                        break;
                    case "SESSION_STATE_CLOSED":
                    case 4:
                        message.to = 4;
                        break;
                    default:
                        if (typeof object.to === "number" && (object.to | 0) === object.to)
                            message.to = object.to;
                    }
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                if (object.agentId != null)
                    if (typeof object.agentId !== "string" || object.agentId.length)
                        message.agentId = $String(object.agentId);
                if (object.group != null)
                    if (typeof object.group !== "string" || object.group.length)
                        message.group = $String(object.group);
                return message;
            };

            /**
             * Creates a plain object from a StateChanged message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {kefu.v1.StateChanged} message StateChanged
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StateChanged.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.from = options.enums === $String ? "SESSION_STATE_UNSPECIFIED" : 0;
                    object.to = options.enums === $String ? "SESSION_STATE_UNSPECIFIED" : 0;
                    object.reason = "";
                    object.agentId = "";
                    object.group = "";
                }
                if (message.from != null && $Object.hasOwnProperty.call(message, "from"))
                    object.from = options.enums === $String ? $root.kefu.v1.SessionState[message.from] === $undefined ? message.from : $root.kefu.v1.SessionState[message.from] : message.from;
                if (message.to != null && $Object.hasOwnProperty.call(message, "to"))
                    object.to = options.enums === $String ? $root.kefu.v1.SessionState[message.to] === $undefined ? message.to : $root.kefu.v1.SessionState[message.to] : message.to;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    object.agentId = message.agentId;
                if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                    object.group = message.group;
                return object;
            };

            /**
             * Converts this StateChanged to JSON.
             * @function toJSON
             * @memberof kefu.v1.StateChanged
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StateChanged.prototype.toJSON = function() {
                return StateChanged.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StateChanged
             * @function getTypeUrl
             * @memberof kefu.v1.StateChanged
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StateChanged.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.StateChanged";
            };

            return StateChanged;
        })();

        v1.SessionStarted = (function() {

            /**
             * Properties of a SessionStarted.
             * @typedef {Object} kefu.v1.SessionStarted.$Properties
             * @property {string|null} [visitorId] SessionStarted visitorId
             * @property {Object.<string,string>|null} [metadata] SessionStarted metadata
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SessionStarted.
             * @memberof kefu.v1
             * @interface ISessionStarted
             * @augments kefu.v1.SessionStarted.$Properties
             * @deprecated Use kefu.v1.SessionStarted.$Properties instead.
             */

            /**
             * Shape of a SessionStarted.
             * @typedef {kefu.v1.SessionStarted.$Properties} kefu.v1.SessionStarted.$Shape
             */

            /**
             * Constructs a new SessionStarted.
             * @memberof kefu.v1
             * @classdesc Represents a SessionStarted.
             * @constructor
             * @param {kefu.v1.SessionStarted.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SessionStarted = function (properties) {
                this.metadata = {};
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SessionStarted visitorId.
             * @member {string} visitorId
             * @memberof kefu.v1.SessionStarted
             * @instance
             */
            SessionStarted.prototype.visitorId = "";

            /**
             * SessionStarted metadata.
             * @member {Object.<string,string>} metadata
             * @memberof kefu.v1.SessionStarted
             * @instance
             */
            SessionStarted.prototype.metadata = $util.emptyObject;

            /**
             * Creates a new SessionStarted instance using the specified properties.
             * @function create
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {kefu.v1.SessionStarted.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.SessionStarted} SessionStarted instance
             * @type {{
             *   (properties: kefu.v1.SessionStarted.$Shape): kefu.v1.SessionStarted & kefu.v1.SessionStarted.$Shape;
             *   (properties?: kefu.v1.SessionStarted.$Properties): kefu.v1.SessionStarted;
             * }}
             */
            SessionStarted.create = function(properties) {
                return new SessionStarted(properties);
            };

            /**
             * Encodes the specified SessionStarted message. Does not implicitly {@link kefu.v1.SessionStarted.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {kefu.v1.SessionStarted.$Properties} message SessionStarted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionStarted.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.visitorId != null && $Object.hasOwnProperty.call(message, "visitorId") && message.visitorId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.visitorId);
                if (message.metadata != null && $Object.hasOwnProperty.call(message, "metadata"))
                    for (let keys = $Object.keys(message.metadata), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.metadata[keys[i]]).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SessionStarted message, length delimited. Does not implicitly {@link kefu.v1.SessionStarted.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {kefu.v1.SessionStarted.$Properties} message SessionStarted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionStarted.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SessionStarted message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.SessionStarted & kefu.v1.SessionStarted.$Shape} SessionStarted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionStarted.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, key, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.SessionStarted();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.visitorId = value;
                            else
                                delete message.visitorId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (message.metadata === $util.emptyObject)
                                message.metadata = {};
                            let end2 = reader.size() + reader.pos;
                            if (end2 > reader.len)
                                throw $RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.tag();
                                wireType = tag2 & 7;
                                switch (tag2 >>>= 3) {
                                case 1:
                                    if (wireType !== 2)
                                        break;
                                    key = reader.stringVerify();
                                    continue;
                                case 2:
                                    if (wireType !== 2)
                                        break;
                                    value = reader.stringVerify();
                                    continue;
                                }
                                reader.skipType(wireType, _depth, tag2);
                            }
                            if (reader.pos !== end2)
                                throw $RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.metadata, key);
                            message.metadata[key] = value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SessionStarted message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.SessionStarted & kefu.v1.SessionStarted.$Shape} SessionStarted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionStarted.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SessionStarted message.
             * @function verify
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SessionStarted.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.visitorId != null && $Object.hasOwnProperty.call(message, "visitorId"))
                    if (!$util.isString(message.visitorId))
                        return "visitorId: string expected";
                if (message.metadata != null && $Object.hasOwnProperty.call(message, "metadata")) {
                    if (!$util.isObject(message.metadata))
                        return "metadata: object expected";
                    let key = $Object.keys(message.metadata);
                    for (let i = 0; i < key.length; ++i)
                        if (!$util.isString(message.metadata[key[i]]))
                            return "metadata: string{k:string} expected";
                }
                return null;
            };

            /**
             * Creates a SessionStarted message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.SessionStarted} SessionStarted
             */
            SessionStarted.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.SessionStarted)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.SessionStarted: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.SessionStarted();
                if (object.visitorId != null)
                    if (typeof object.visitorId !== "string" || object.visitorId.length)
                        message.visitorId = $String(object.visitorId);
                if (object.metadata) {
                    if (!$util.isObject(object.metadata))
                        throw $TypeError(".kefu.v1.SessionStarted.metadata: object expected");
                    message.metadata = {};
                    for (let keys = $Object.keys(object.metadata), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.metadata, keys[i]);
                        message.metadata[keys[i]] = $String(object.metadata[keys[i]]);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a SessionStarted message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {kefu.v1.SessionStarted} message SessionStarted
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SessionStarted.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.metadata = {};
                if (options.defaults)
                    object.visitorId = "";
                if (message.visitorId != null && $Object.hasOwnProperty.call(message, "visitorId"))
                    object.visitorId = message.visitorId;
                let keys2;
                if (message.metadata && (keys2 = $Object.keys(message.metadata)).length) {
                    object.metadata = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.metadata, keys2[j]);
                        object.metadata[keys2[j]] = message.metadata[keys2[j]];
                    }
                }
                return object;
            };

            /**
             * Converts this SessionStarted to JSON.
             * @function toJSON
             * @memberof kefu.v1.SessionStarted
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SessionStarted.prototype.toJSON = function() {
                return SessionStarted.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SessionStarted
             * @function getTypeUrl
             * @memberof kefu.v1.SessionStarted
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SessionStarted.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.SessionStarted";
            };

            return SessionStarted;
        })();

        v1.Note = (function() {

            /**
             * Properties of a Note.
             * @typedef {Object} kefu.v1.Note.$Properties
             * @property {string|null} [clientMsgId] Note clientMsgId
             * @property {string|null} [text] Note text
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Note.
             * @memberof kefu.v1
             * @interface INote
             * @augments kefu.v1.Note.$Properties
             * @deprecated Use kefu.v1.Note.$Properties instead.
             */

            /**
             * Shape of a Note.
             * @typedef {kefu.v1.Note.$Properties} kefu.v1.Note.$Shape
             */

            /**
             * Constructs a new Note.
             * @memberof kefu.v1
             * @classdesc Represents a Note.
             * @constructor
             * @param {kefu.v1.Note.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Note = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Note clientMsgId.
             * @member {string} clientMsgId
             * @memberof kefu.v1.Note
             * @instance
             */
            Note.prototype.clientMsgId = "";

            /**
             * Note text.
             * @member {string} text
             * @memberof kefu.v1.Note
             * @instance
             */
            Note.prototype.text = "";

            /**
             * Creates a new Note instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Note
             * @static
             * @param {kefu.v1.Note.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Note} Note instance
             * @type {{
             *   (properties: kefu.v1.Note.$Shape): kefu.v1.Note & kefu.v1.Note.$Shape;
             *   (properties?: kefu.v1.Note.$Properties): kefu.v1.Note;
             * }}
             */
            Note.create = function(properties) {
                return new Note(properties);
            };

            /**
             * Encodes the specified Note message. Does not implicitly {@link kefu.v1.Note.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Note
             * @static
             * @param {kefu.v1.Note.$Properties} message Note message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Note.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId") && message.clientMsgId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.clientMsgId);
                if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.text);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Note message, length delimited. Does not implicitly {@link kefu.v1.Note.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Note
             * @static
             * @param {kefu.v1.Note.$Properties} message Note message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Note.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Note message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Note
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Note & kefu.v1.Note.$Shape} Note
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Note.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Note();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.clientMsgId = value;
                            else
                                delete message.clientMsgId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.text = value;
                            else
                                delete message.text;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Note message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Note
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Note & kefu.v1.Note.$Shape} Note
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Note.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Note message.
             * @function verify
             * @memberof kefu.v1.Note
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Note.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId"))
                    if (!$util.isString(message.clientMsgId))
                        return "clientMsgId: string expected";
                if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                    if (!$util.isString(message.text))
                        return "text: string expected";
                return null;
            };

            /**
             * Creates a Note message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Note
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Note} Note
             */
            Note.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Note)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Note: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Note();
                if (object.clientMsgId != null)
                    if (typeof object.clientMsgId !== "string" || object.clientMsgId.length)
                        message.clientMsgId = $String(object.clientMsgId);
                if (object.text != null)
                    if (typeof object.text !== "string" || object.text.length)
                        message.text = $String(object.text);
                return message;
            };

            /**
             * Creates a plain object from a Note message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Note
             * @static
             * @param {kefu.v1.Note} message Note
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Note.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.clientMsgId = "";
                    object.text = "";
                }
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId"))
                    object.clientMsgId = message.clientMsgId;
                if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                    object.text = message.text;
                return object;
            };

            /**
             * Converts this Note to JSON.
             * @function toJSON
             * @memberof kefu.v1.Note
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Note.prototype.toJSON = function() {
                return Note.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Note
             * @function getTypeUrl
             * @memberof kefu.v1.Note
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Note.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Note";
            };

            return Note;
        })();

        v1.Rating = (function() {

            /**
             * Properties of a Rating.
             * @typedef {Object} kefu.v1.Rating.$Properties
             * @property {number|null} [score] Rating score
             * @property {string|null} [comment] Rating comment
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Rating.
             * @memberof kefu.v1
             * @interface IRating
             * @augments kefu.v1.Rating.$Properties
             * @deprecated Use kefu.v1.Rating.$Properties instead.
             */

            /**
             * Shape of a Rating.
             * @typedef {kefu.v1.Rating.$Properties} kefu.v1.Rating.$Shape
             */

            /**
             * Constructs a new Rating.
             * @memberof kefu.v1
             * @classdesc Represents a Rating.
             * @constructor
             * @param {kefu.v1.Rating.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Rating = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Rating score.
             * @member {number} score
             * @memberof kefu.v1.Rating
             * @instance
             */
            Rating.prototype.score = 0;

            /**
             * Rating comment.
             * @member {string} comment
             * @memberof kefu.v1.Rating
             * @instance
             */
            Rating.prototype.comment = "";

            /**
             * Creates a new Rating instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Rating
             * @static
             * @param {kefu.v1.Rating.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Rating} Rating instance
             * @type {{
             *   (properties: kefu.v1.Rating.$Shape): kefu.v1.Rating & kefu.v1.Rating.$Shape;
             *   (properties?: kefu.v1.Rating.$Properties): kefu.v1.Rating;
             * }}
             */
            Rating.create = function(properties) {
                return new Rating(properties);
            };

            /**
             * Encodes the specified Rating message. Does not implicitly {@link kefu.v1.Rating.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Rating
             * @static
             * @param {kefu.v1.Rating.$Properties} message Rating message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Rating.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.score != null && $Object.hasOwnProperty.call(message, "score") && message.score !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.score);
                if (message.comment != null && $Object.hasOwnProperty.call(message, "comment") && message.comment !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.comment);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Rating message, length delimited. Does not implicitly {@link kefu.v1.Rating.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Rating
             * @static
             * @param {kefu.v1.Rating.$Properties} message Rating message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Rating.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Rating message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Rating
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Rating & kefu.v1.Rating.$Shape} Rating
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Rating.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Rating();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.score = value;
                            else
                                delete message.score;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.comment = value;
                            else
                                delete message.comment;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Rating message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Rating
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Rating & kefu.v1.Rating.$Shape} Rating
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Rating.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Rating message.
             * @function verify
             * @memberof kefu.v1.Rating
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Rating.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.score != null && $Object.hasOwnProperty.call(message, "score"))
                    if (!$util.isInteger(message.score))
                        return "score: integer expected";
                if (message.comment != null && $Object.hasOwnProperty.call(message, "comment"))
                    if (!$util.isString(message.comment))
                        return "comment: string expected";
                return null;
            };

            /**
             * Creates a Rating message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Rating
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Rating} Rating
             */
            Rating.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Rating)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Rating: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Rating();
                if (object.score != null)
                    if ($Number(object.score) !== 0)
                        message.score = object.score >>> 0;
                if (object.comment != null)
                    if (typeof object.comment !== "string" || object.comment.length)
                        message.comment = $String(object.comment);
                return message;
            };

            /**
             * Creates a plain object from a Rating message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Rating
             * @static
             * @param {kefu.v1.Rating} message Rating
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Rating.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.score = 0;
                    object.comment = "";
                }
                if (message.score != null && $Object.hasOwnProperty.call(message, "score"))
                    object.score = message.score;
                if (message.comment != null && $Object.hasOwnProperty.call(message, "comment"))
                    object.comment = message.comment;
                return object;
            };

            /**
             * Converts this Rating to JSON.
             * @function toJSON
             * @memberof kefu.v1.Rating
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Rating.prototype.toJSON = function() {
                return Rating.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Rating
             * @function getTypeUrl
             * @memberof kefu.v1.Rating
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Rating.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Rating";
            };

            return Rating;
        })();

        v1.SessionEvent = (function() {

            /**
             * Properties of a SessionEvent.
             * @typedef {Object} kefu.v1.SessionEvent.$Properties
             * @property {string|null} [tenantId] SessionEvent tenantId
             * @property {string|null} [sessionId] SessionEvent sessionId
             * @property {number|null} [seq] SessionEvent seq
             * @property {number|null} [atUnixMs] SessionEvent atUnixMs
             * @property {kefu.v1.Actor.$Properties|null} [actor] SessionEvent actor
             * @property {kefu.v1.ChatMessage.$Properties|null} [message] SessionEvent message
             * @property {kefu.v1.StateChanged.$Properties|null} [stateChanged] SessionEvent stateChanged
             * @property {kefu.v1.SessionStarted.$Properties|null} [started] SessionEvent started
             * @property {kefu.v1.Note.$Properties|null} [note] SessionEvent note
             * @property {kefu.v1.Rating.$Properties|null} [rating] SessionEvent rating
             * @property {"message"|"stateChanged"|"started"|"note"|"rating"} [body] SessionEvent body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SessionEvent.
             * @memberof kefu.v1
             * @interface ISessionEvent
             * @augments kefu.v1.SessionEvent.$Properties
             * @deprecated Use kefu.v1.SessionEvent.$Properties instead.
             */

            /**
             * Narrowed shape of a SessionEvent.
             * @typedef {{
             *   tenantId?: string|null;
             *   sessionId?: string|null;
             *   seq?: number|null;
             *   atUnixMs?: number|null;
             *   actor?: kefu.v1.Actor.$Shape|null;
             *   message?: kefu.v1.ChatMessage.$Shape|null;
             *   stateChanged?: kefu.v1.StateChanged.$Shape|null;
             *   started?: kefu.v1.SessionStarted.$Shape|null;
             *   note?: kefu.v1.Note.$Shape|null;
             *   rating?: kefu.v1.Rating.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; message?: null; stateChanged?: null; started?: null; note?: null; rating?: null }|{ body?: "message"; message: kefu.v1.ChatMessage.$Shape; stateChanged?: null; started?: null; note?: null; rating?: null }|{ body?: "stateChanged"; message?: null; stateChanged: kefu.v1.StateChanged.$Shape; started?: null; note?: null; rating?: null }|{ body?: "started"; message?: null; stateChanged?: null; started: kefu.v1.SessionStarted.$Shape; note?: null; rating?: null }|{ body?: "note"; message?: null; stateChanged?: null; started?: null; note: kefu.v1.Note.$Shape; rating?: null }|{ body?: "rating"; message?: null; stateChanged?: null; started?: null; note?: null; rating: kefu.v1.Rating.$Shape })
             * )} kefu.v1.SessionEvent.$Shape
             */

            /**
             * Constructs a new SessionEvent.
             * @memberof kefu.v1
             * @classdesc Represents a SessionEvent.
             * @constructor
             * @param {kefu.v1.SessionEvent.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SessionEvent = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SessionEvent tenantId.
             * @member {string} tenantId
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.tenantId = "";

            /**
             * SessionEvent sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.sessionId = "";

            /**
             * SessionEvent seq.
             * @member {number} seq
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SessionEvent atUnixMs.
             * @member {number} atUnixMs
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.atUnixMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SessionEvent actor.
             * @member {kefu.v1.Actor.$Properties|null|undefined} actor
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.actor = null;

            /**
             * SessionEvent message.
             * @member {kefu.v1.ChatMessage.$Properties|null|undefined} message
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.message = null;

            /**
             * SessionEvent stateChanged.
             * @member {kefu.v1.StateChanged.$Properties|null|undefined} stateChanged
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.stateChanged = null;

            /**
             * SessionEvent started.
             * @member {kefu.v1.SessionStarted.$Properties|null|undefined} started
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.started = null;

            /**
             * SessionEvent note.
             * @member {kefu.v1.Note.$Properties|null|undefined} note
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.note = null;

            /**
             * SessionEvent rating.
             * @member {kefu.v1.Rating.$Properties|null|undefined} rating
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            SessionEvent.prototype.rating = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * SessionEvent body.
             * @member {"message"|"stateChanged"|"started"|"note"|"rating"|undefined} body
             * @memberof kefu.v1.SessionEvent
             * @instance
             */
            $Object.defineProperty(SessionEvent.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["message", "stateChanged", "started", "note", "rating"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SessionEvent instance using the specified properties.
             * @function create
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {kefu.v1.SessionEvent.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.SessionEvent} SessionEvent instance
             * @type {{
             *   (properties: kefu.v1.SessionEvent.$Shape): kefu.v1.SessionEvent & kefu.v1.SessionEvent.$Shape;
             *   (properties?: kefu.v1.SessionEvent.$Properties): kefu.v1.SessionEvent;
             * }}
             */
            SessionEvent.create = function(properties) {
                return new SessionEvent(properties);
            };

            /**
             * Encodes the specified SessionEvent message. Does not implicitly {@link kefu.v1.SessionEvent.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {kefu.v1.SessionEvent.$Properties} message SessionEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionEvent.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId") && message.tenantId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.tenantId);
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.sessionId);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.seq);
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs") && (typeof message.atUnixMs === "object" ? message.atUnixMs.low || message.atUnixMs.high : message.atUnixMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.atUnixMs);
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    $root.kefu.v1.Actor.encode(message.actor, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    $root.kefu.v1.ChatMessage.encode(message.message, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.stateChanged != null && $Object.hasOwnProperty.call(message, "stateChanged"))
                    $root.kefu.v1.StateChanged.encode(message.stateChanged, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.started != null && $Object.hasOwnProperty.call(message, "started"))
                    $root.kefu.v1.SessionStarted.encode(message.started, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.note != null && $Object.hasOwnProperty.call(message, "note"))
                    $root.kefu.v1.Note.encode(message.note, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.rating != null && $Object.hasOwnProperty.call(message, "rating"))
                    $root.kefu.v1.Rating.encode(message.rating, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SessionEvent message, length delimited. Does not implicitly {@link kefu.v1.SessionEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {kefu.v1.SessionEvent.$Properties} message SessionEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SessionEvent message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.SessionEvent & kefu.v1.SessionEvent.$Shape} SessionEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionEvent.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.SessionEvent();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tenantId = value;
                            else
                                delete message.tenantId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.atUnixMs = value;
                            else
                                delete message.atUnixMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.actor = $root.kefu.v1.Actor.decode(reader, reader.size(), $undefined, _depth + 1, message.actor);
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.message = $root.kefu.v1.ChatMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.message);
                            message.body = "message";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.stateChanged = $root.kefu.v1.StateChanged.decode(reader, reader.size(), $undefined, _depth + 1, message.stateChanged);
                            message.body = "stateChanged";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.started = $root.kefu.v1.SessionStarted.decode(reader, reader.size(), $undefined, _depth + 1, message.started);
                            message.body = "started";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.note = $root.kefu.v1.Note.decode(reader, reader.size(), $undefined, _depth + 1, message.note);
                            message.body = "note";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.rating = $root.kefu.v1.Rating.decode(reader, reader.size(), $undefined, _depth + 1, message.rating);
                            message.body = "rating";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SessionEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.SessionEvent & kefu.v1.SessionEvent.$Shape} SessionEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SessionEvent message.
             * @function verify
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SessionEvent.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                    if (!$util.isString(message.tenantId))
                        return "tenantId: string expected";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs"))
                    if (!$util.isInteger(message.atUnixMs) && !(message.atUnixMs && $util.isInteger(message.atUnixMs.low) && $util.isInteger(message.atUnixMs.high)))
                        return "atUnixMs: integer|Long expected";
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor")) {
                    let error = $root.kefu.v1.Actor.verify(message.actor, _depth + 1);
                    if (error)
                        return "actor." + error;
                }
                if (message.message != null && $Object.hasOwnProperty.call(message, "message")) {
                    properties.body = 1;
                    {
                        let error = $root.kefu.v1.ChatMessage.verify(message.message, _depth + 1);
                        if (error)
                            return "message." + error;
                    }
                }
                if (message.stateChanged != null && $Object.hasOwnProperty.call(message, "stateChanged")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.kefu.v1.StateChanged.verify(message.stateChanged, _depth + 1);
                        if (error)
                            return "stateChanged." + error;
                    }
                }
                if (message.started != null && $Object.hasOwnProperty.call(message, "started")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.kefu.v1.SessionStarted.verify(message.started, _depth + 1);
                        if (error)
                            return "started." + error;
                    }
                }
                if (message.note != null && $Object.hasOwnProperty.call(message, "note")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.kefu.v1.Note.verify(message.note, _depth + 1);
                        if (error)
                            return "note." + error;
                    }
                }
                if (message.rating != null && $Object.hasOwnProperty.call(message, "rating")) {
                    if (properties.body === 1)
                        return "body: multiple values";
                    properties.body = 1;
                    {
                        let error = $root.kefu.v1.Rating.verify(message.rating, _depth + 1);
                        if (error)
                            return "rating." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a SessionEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.SessionEvent} SessionEvent
             */
            SessionEvent.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.SessionEvent)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.SessionEvent: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.SessionEvent();
                if (object.tenantId != null)
                    if (typeof object.tenantId !== "string" || object.tenantId.length)
                        message.tenantId = $String(object.tenantId);
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.atUnixMs != null)
                    if (typeof object.atUnixMs === "object" ? object.atUnixMs.low || object.atUnixMs.high : $Number(object.atUnixMs) !== 0)
                        if ($util.Long)
                            message.atUnixMs = $util.Long.fromValue(object.atUnixMs, false);
                        else if (typeof object.atUnixMs === "string")
                            message.atUnixMs = $parseInt(object.atUnixMs, 10);
                        else if (typeof object.atUnixMs === "number")
                            message.atUnixMs = object.atUnixMs;
                        else if (typeof object.atUnixMs === "object")
                            message.atUnixMs = new $util.LongBits(object.atUnixMs.low >>> 0, object.atUnixMs.high >>> 0).toNumber();
                if (object.actor != null) {
                    if (!$util.isObject(object.actor))
                        throw $TypeError(".kefu.v1.SessionEvent.actor: object expected");
                    message.actor = $root.kefu.v1.Actor.fromObject(object.actor, _depth + 1);
                }
                if (object.message != null) {
                    if (!$util.isObject(object.message))
                        throw $TypeError(".kefu.v1.SessionEvent.message: object expected");
                    message.message = $root.kefu.v1.ChatMessage.fromObject(object.message, _depth + 1);
                }
                if (object.stateChanged != null) {
                    if (!$util.isObject(object.stateChanged))
                        throw $TypeError(".kefu.v1.SessionEvent.stateChanged: object expected");
                    message.stateChanged = $root.kefu.v1.StateChanged.fromObject(object.stateChanged, _depth + 1);
                }
                if (object.started != null) {
                    if (!$util.isObject(object.started))
                        throw $TypeError(".kefu.v1.SessionEvent.started: object expected");
                    message.started = $root.kefu.v1.SessionStarted.fromObject(object.started, _depth + 1);
                }
                if (object.note != null) {
                    if (!$util.isObject(object.note))
                        throw $TypeError(".kefu.v1.SessionEvent.note: object expected");
                    message.note = $root.kefu.v1.Note.fromObject(object.note, _depth + 1);
                }
                if (object.rating != null) {
                    if (!$util.isObject(object.rating))
                        throw $TypeError(".kefu.v1.SessionEvent.rating: object expected");
                    message.rating = $root.kefu.v1.Rating.fromObject(object.rating, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a SessionEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {kefu.v1.SessionEvent} message SessionEvent
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SessionEvent.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.tenantId = "";
                    object.sessionId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.atUnixMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.atUnixMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.actor = null;
                }
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                    object.tenantId = message.tenantId;
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.atUnixMs = typeof message.atUnixMs === "number" ? $BigInt(message.atUnixMs) : $util.Long.fromBits(message.atUnixMs.low >>> 0, message.atUnixMs.high >>> 0, false).toBigInt();
                    else if (typeof message.atUnixMs === "number")
                        object.atUnixMs = options.longs === $String ? $String(message.atUnixMs) : message.atUnixMs;
                    else
                        object.atUnixMs = options.longs === $String ? $util.Long.prototype.toString.call(message.atUnixMs) : options.longs === $Number ? new $util.LongBits(message.atUnixMs.low >>> 0, message.atUnixMs.high >>> 0).toNumber() : message.atUnixMs;
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    object.actor = $root.kefu.v1.Actor.toObject(message.actor, options, _depth + 1);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message")) {
                    object.message = $root.kefu.v1.ChatMessage.toObject(message.message, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "message";
                }
                if (message.stateChanged != null && $Object.hasOwnProperty.call(message, "stateChanged")) {
                    object.stateChanged = $root.kefu.v1.StateChanged.toObject(message.stateChanged, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "stateChanged";
                }
                if (message.started != null && $Object.hasOwnProperty.call(message, "started")) {
                    object.started = $root.kefu.v1.SessionStarted.toObject(message.started, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "started";
                }
                if (message.note != null && $Object.hasOwnProperty.call(message, "note")) {
                    object.note = $root.kefu.v1.Note.toObject(message.note, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "note";
                }
                if (message.rating != null && $Object.hasOwnProperty.call(message, "rating")) {
                    object.rating = $root.kefu.v1.Rating.toObject(message.rating, options, _depth + 1);
                    if (options.oneofs)
                        object.body = "rating";
                }
                return object;
            };

            /**
             * Converts this SessionEvent to JSON.
             * @function toJSON
             * @memberof kefu.v1.SessionEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SessionEvent.prototype.toJSON = function() {
                return SessionEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SessionEvent
             * @function getTypeUrl
             * @memberof kefu.v1.SessionEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SessionEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.SessionEvent";
            };

            return SessionEvent;
        })();

        v1.SessionEventBatch = (function() {

            /**
             * Properties of a SessionEventBatch.
             * @typedef {Object} kefu.v1.SessionEventBatch.$Properties
             * @property {Array.<kefu.v1.SessionEvent.$Properties>|null} [events] SessionEventBatch events
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SessionEventBatch.
             * @memberof kefu.v1
             * @interface ISessionEventBatch
             * @augments kefu.v1.SessionEventBatch.$Properties
             * @deprecated Use kefu.v1.SessionEventBatch.$Properties instead.
             */

            /**
             * Shape of a SessionEventBatch.
             * @typedef {{
             *   events?: Array.<kefu.v1.SessionEvent.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} kefu.v1.SessionEventBatch.$Shape
             */

            /**
             * Constructs a new SessionEventBatch.
             * @memberof kefu.v1
             * @classdesc Represents a SessionEventBatch.
             * @constructor
             * @param {kefu.v1.SessionEventBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SessionEventBatch = function (properties) {
                this.events = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SessionEventBatch events.
             * @member {Array.<kefu.v1.SessionEvent.$Properties>} events
             * @memberof kefu.v1.SessionEventBatch
             * @instance
             */
            SessionEventBatch.prototype.events = $util.emptyArray;

            /**
             * Creates a new SessionEventBatch instance using the specified properties.
             * @function create
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {kefu.v1.SessionEventBatch.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.SessionEventBatch} SessionEventBatch instance
             * @type {{
             *   (properties: kefu.v1.SessionEventBatch.$Shape): kefu.v1.SessionEventBatch & kefu.v1.SessionEventBatch.$Shape;
             *   (properties?: kefu.v1.SessionEventBatch.$Properties): kefu.v1.SessionEventBatch;
             * }}
             */
            SessionEventBatch.create = function(properties) {
                return new SessionEventBatch(properties);
            };

            /**
             * Encodes the specified SessionEventBatch message. Does not implicitly {@link kefu.v1.SessionEventBatch.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {kefu.v1.SessionEventBatch.$Properties} message SessionEventBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionEventBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.events != null && message.events.length)
                    for (let i = 0; i < message.events.length; ++i)
                        $root.kefu.v1.SessionEvent.encode(message.events[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SessionEventBatch message, length delimited. Does not implicitly {@link kefu.v1.SessionEventBatch.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {kefu.v1.SessionEventBatch.$Properties} message SessionEventBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionEventBatch.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SessionEventBatch message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.SessionEventBatch & kefu.v1.SessionEventBatch.$Shape} SessionEventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionEventBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.SessionEventBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.events && message.events.length))
                                message.events = [];
                            message.events.push($root.kefu.v1.SessionEvent.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SessionEventBatch message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.SessionEventBatch & kefu.v1.SessionEventBatch.$Shape} SessionEventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionEventBatch.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SessionEventBatch message.
             * @function verify
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SessionEventBatch.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.events != null && $Object.hasOwnProperty.call(message, "events")) {
                    if (!$Array.isArray(message.events))
                        return "events: array expected";
                    for (let i = 0; i < message.events.length; ++i) {
                        let error = $root.kefu.v1.SessionEvent.verify(message.events[i], _depth + 1);
                        if (error)
                            return "events." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a SessionEventBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.SessionEventBatch} SessionEventBatch
             */
            SessionEventBatch.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.SessionEventBatch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.SessionEventBatch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.SessionEventBatch();
                if (object.events) {
                    if (!$Array.isArray(object.events))
                        throw $TypeError(".kefu.v1.SessionEventBatch.events: array expected");
                    message.events = $Array(object.events.length);
                    for (let i = 0; i < object.events.length; ++i) {
                        if (!$util.isObject(object.events[i]))
                            throw $TypeError(".kefu.v1.SessionEventBatch.events: object expected");
                        message.events[i] = $root.kefu.v1.SessionEvent.fromObject(object.events[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a SessionEventBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {kefu.v1.SessionEventBatch} message SessionEventBatch
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SessionEventBatch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.events = [];
                if (message.events && message.events.length) {
                    object.events = $Array(message.events.length);
                    for (let j = 0; j < message.events.length; ++j)
                        object.events[j] = $root.kefu.v1.SessionEvent.toObject(message.events[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this SessionEventBatch to JSON.
             * @function toJSON
             * @memberof kefu.v1.SessionEventBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SessionEventBatch.prototype.toJSON = function() {
                return SessionEventBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SessionEventBatch
             * @function getTypeUrl
             * @memberof kefu.v1.SessionEventBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SessionEventBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.SessionEventBatch";
            };

            return SessionEventBatch;
        })();

        /**
         * SeatState enum.
         * @name kefu.v1.SeatState
         * @enum {number}
         * @property {number} SEAT_STATE_UNSPECIFIED=0 SEAT_STATE_UNSPECIFIED value
         * @property {number} SEAT_STATE_ONLINE=1 SEAT_STATE_ONLINE value
         * @property {number} SEAT_STATE_BUSY=2 SEAT_STATE_BUSY value
         * @property {number} SEAT_STATE_AWAY=3 SEAT_STATE_AWAY value
         * @property {number} SEAT_STATE_OFFLINE=4 SEAT_STATE_OFFLINE value
         */
        v1.SeatState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SEAT_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SEAT_STATE_ONLINE"] = 1;
            values[valuesById[2] = "SEAT_STATE_BUSY"] = 2;
            values[valuesById[3] = "SEAT_STATE_AWAY"] = 3;
            values[valuesById[4] = "SEAT_STATE_OFFLINE"] = 4;
            return values;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} kefu.v1.Hello.$Properties
             * @property {string|null} [client] Hello client
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof kefu.v1
             * @interface IHello
             * @augments kefu.v1.Hello.$Properties
             * @deprecated Use kefu.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {kefu.v1.Hello.$Properties} kefu.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof kefu.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {kefu.v1.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello client.
             * @member {string} client
             * @memberof kefu.v1.Hello
             * @instance
             */
            Hello.prototype.client = "";

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Hello
             * @static
             * @param {kefu.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Hello} Hello instance
             * @type {{
             *   (properties: kefu.v1.Hello.$Shape): kefu.v1.Hello & kefu.v1.Hello.$Shape;
             *   (properties?: kefu.v1.Hello.$Properties): kefu.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link kefu.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Hello
             * @static
             * @param {kefu.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.client != null && $Object.hasOwnProperty.call(message, "client") && message.client !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.client);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Hello message, length delimited. Does not implicitly {@link kefu.v1.Hello.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Hello
             * @static
             * @param {kefu.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Hello & kefu.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.client = value;
                            else
                                delete message.client;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Hello & kefu.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Hello message.
             * @function verify
             * @memberof kefu.v1.Hello
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Hello.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.client != null && $Object.hasOwnProperty.call(message, "client"))
                    if (!$util.isString(message.client))
                        return "client: string expected";
                return null;
            };

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Hello
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Hello} Hello
             */
            Hello.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Hello)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Hello: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Hello();
                if (object.client != null)
                    if (typeof object.client !== "string" || object.client.length)
                        message.client = $String(object.client);
                return message;
            };

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Hello
             * @static
             * @param {kefu.v1.Hello} message Hello
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Hello.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.client = "";
                if (message.client != null && $Object.hasOwnProperty.call(message, "client"))
                    object.client = message.client;
                return object;
            };

            /**
             * Converts this Hello to JSON.
             * @function toJSON
             * @memberof kefu.v1.Hello
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Hello.prototype.toJSON = function() {
                return Hello.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Hello
             * @function getTypeUrl
             * @memberof kefu.v1.Hello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Hello";
            };

            return Hello;
        })();

        v1.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} kefu.v1.Welcome.$Properties
             * @property {string|null} [connectionId] Welcome connectionId
             * @property {string|null} [sessionId] Welcome sessionId
             * @property {number|null} [lastSeq] Welcome lastSeq
             * @property {string|null} [role] Welcome role
             * @property {string|null} [tenantId] Welcome tenantId
             * @property {string|null} [agentId] Welcome agentId
             * @property {number|null} [maxFrameBytes] Welcome maxFrameBytes
             * @property {number|null} [heartbeatMs] Welcome heartbeatMs
             * @property {kefu.v1.SessionState|null} [state] Welcome state
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof kefu.v1
             * @interface IWelcome
             * @augments kefu.v1.Welcome.$Properties
             * @deprecated Use kefu.v1.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {kefu.v1.Welcome.$Properties} kefu.v1.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof kefu.v1
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {kefu.v1.Welcome.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Welcome connectionId.
             * @member {string} connectionId
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.connectionId = "";

            /**
             * Welcome sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.sessionId = "";

            /**
             * Welcome lastSeq.
             * @member {number} lastSeq
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.lastSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Welcome role.
             * @member {string} role
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.role = "";

            /**
             * Welcome tenantId.
             * @member {string} tenantId
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.tenantId = "";

            /**
             * Welcome agentId.
             * @member {string} agentId
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.agentId = "";

            /**
             * Welcome maxFrameBytes.
             * @member {number} maxFrameBytes
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.maxFrameBytes = 0;

            /**
             * Welcome heartbeatMs.
             * @member {number} heartbeatMs
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.heartbeatMs = 0;

            /**
             * Welcome state.
             * @member {kefu.v1.SessionState} state
             * @memberof kefu.v1.Welcome
             * @instance
             */
            Welcome.prototype.state = 0;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Welcome
             * @static
             * @param {kefu.v1.Welcome.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Welcome} Welcome instance
             * @type {{
             *   (properties: kefu.v1.Welcome.$Shape): kefu.v1.Welcome & kefu.v1.Welcome.$Shape;
             *   (properties?: kefu.v1.Welcome.$Properties): kefu.v1.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link kefu.v1.Welcome.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Welcome
             * @static
             * @param {kefu.v1.Welcome.$Properties} message Welcome message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.connectionId != null && $Object.hasOwnProperty.call(message, "connectionId") && message.connectionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.connectionId);
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.sessionId);
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq") && (typeof message.lastSeq === "object" ? message.lastSeq.low || message.lastSeq.high : message.lastSeq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.lastSeq);
                if (message.role != null && $Object.hasOwnProperty.call(message, "role") && message.role !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.role);
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId") && message.tenantId !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.tenantId);
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId") && message.agentId !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.agentId);
                if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes") && message.maxFrameBytes !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.maxFrameBytes);
                if (message.heartbeatMs != null && $Object.hasOwnProperty.call(message, "heartbeatMs") && message.heartbeatMs !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.heartbeatMs);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).int32(message.state);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Welcome message, length delimited. Does not implicitly {@link kefu.v1.Welcome.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Welcome
             * @static
             * @param {kefu.v1.Welcome.$Properties} message Welcome message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Welcome & kefu.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Welcome();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.connectionId = value;
                            else
                                delete message.connectionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastSeq = value;
                            else
                                delete message.lastSeq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.role = value;
                            else
                                delete message.role;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tenantId = value;
                            else
                                delete message.tenantId;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentId = value;
                            else
                                delete message.agentId;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxFrameBytes = value;
                            else
                                delete message.maxFrameBytes;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.heartbeatMs = value;
                            else
                                delete message.heartbeatMs;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Welcome & kefu.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Welcome message.
             * @function verify
             * @memberof kefu.v1.Welcome
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Welcome.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.connectionId != null && $Object.hasOwnProperty.call(message, "connectionId"))
                    if (!$util.isString(message.connectionId))
                        return "connectionId: string expected";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq"))
                    if (!$util.isInteger(message.lastSeq) && !(message.lastSeq && $util.isInteger(message.lastSeq.low) && $util.isInteger(message.lastSeq.high)))
                        return "lastSeq: integer|Long expected";
                if (message.role != null && $Object.hasOwnProperty.call(message, "role"))
                    if (!$util.isString(message.role))
                        return "role: string expected";
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                    if (!$util.isString(message.tenantId))
                        return "tenantId: string expected";
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    if (!$util.isString(message.agentId))
                        return "agentId: string expected";
                if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes"))
                    if (!$util.isInteger(message.maxFrameBytes))
                        return "maxFrameBytes: integer expected";
                if (message.heartbeatMs != null && $Object.hasOwnProperty.call(message, "heartbeatMs"))
                    if (!$util.isInteger(message.heartbeatMs))
                        return "heartbeatMs: integer expected";
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    if (typeof message.state !== "number" || (message.state | 0) !== message.state)
                        return "state: enum value expected";
                return null;
            };

            /**
             * Creates a Welcome message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Welcome
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Welcome} Welcome
             */
            Welcome.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Welcome)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Welcome: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Welcome();
                if (object.connectionId != null)
                    if (typeof object.connectionId !== "string" || object.connectionId.length)
                        message.connectionId = $String(object.connectionId);
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.lastSeq != null)
                    if (typeof object.lastSeq === "object" ? object.lastSeq.low || object.lastSeq.high : $Number(object.lastSeq) !== 0)
                        if ($util.Long)
                            message.lastSeq = $util.Long.fromValue(object.lastSeq, true);
                        else if (typeof object.lastSeq === "string")
                            message.lastSeq = $parseInt(object.lastSeq, 10);
                        else if (typeof object.lastSeq === "number")
                            message.lastSeq = object.lastSeq;
                        else if (typeof object.lastSeq === "object")
                            message.lastSeq = new $util.LongBits(object.lastSeq.low >>> 0, object.lastSeq.high >>> 0).toNumber(true);
                if (object.role != null)
                    if (typeof object.role !== "string" || object.role.length)
                        message.role = $String(object.role);
                if (object.tenantId != null)
                    if (typeof object.tenantId !== "string" || object.tenantId.length)
                        message.tenantId = $String(object.tenantId);
                if (object.agentId != null)
                    if (typeof object.agentId !== "string" || object.agentId.length)
                        message.agentId = $String(object.agentId);
                if (object.maxFrameBytes != null)
                    if ($Number(object.maxFrameBytes) !== 0)
                        message.maxFrameBytes = object.maxFrameBytes >>> 0;
                if (object.heartbeatMs != null)
                    if ($Number(object.heartbeatMs) !== 0)
                        message.heartbeatMs = object.heartbeatMs >>> 0;
                if (object.state !== 0 && (typeof object.state !== "string" || $root.kefu.v1.SessionState[object.state] !== 0))
                    switch (object.state) {
                    case "SESSION_STATE_UNSPECIFIED":
                    case 0:
                        message.state = 0;
                        break;
                    case "SESSION_STATE_BOT":
                    case 1:
                        message.state = 1;
                        break;
                    case "SESSION_STATE_QUEUED":
                    case 2:
                        message.state = 2;
                        break;
                    case "SESSION_STATE_ASSIGNED":
                    case 3:
                        message.state = 3;
                        break;
                    case "SESSION_STATE_CLOSED":
                    case 4:
                        message.state = 4;
                        break;
                    default:
                        if (typeof object.state === "number" && (object.state | 0) === object.state)
                            message.state = object.state;
                    }
                return message;
            };

            /**
             * Creates a plain object from a Welcome message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Welcome
             * @static
             * @param {kefu.v1.Welcome} message Welcome
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Welcome.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.connectionId = "";
                    object.sessionId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.lastSeq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.lastSeq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.role = "";
                    object.tenantId = "";
                    object.agentId = "";
                    object.maxFrameBytes = 0;
                    object.heartbeatMs = 0;
                    object.state = options.enums === $String ? "SESSION_STATE_UNSPECIFIED" : 0;
                }
                if (message.connectionId != null && $Object.hasOwnProperty.call(message, "connectionId"))
                    object.connectionId = message.connectionId;
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.lastSeq = typeof message.lastSeq === "number" ? $BigInt(message.lastSeq) : $util.Long.fromBits(message.lastSeq.low >>> 0, message.lastSeq.high >>> 0, true).toBigInt();
                    else if (typeof message.lastSeq === "number")
                        object.lastSeq = options.longs === $String ? $String(message.lastSeq) : message.lastSeq;
                    else
                        object.lastSeq = options.longs === $String ? $util.Long.prototype.toString.call(message.lastSeq) : options.longs === $Number ? new $util.LongBits(message.lastSeq.low >>> 0, message.lastSeq.high >>> 0).toNumber(true) : message.lastSeq;
                if (message.role != null && $Object.hasOwnProperty.call(message, "role"))
                    object.role = message.role;
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                    object.tenantId = message.tenantId;
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    object.agentId = message.agentId;
                if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes"))
                    object.maxFrameBytes = message.maxFrameBytes;
                if (message.heartbeatMs != null && $Object.hasOwnProperty.call(message, "heartbeatMs"))
                    object.heartbeatMs = message.heartbeatMs;
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    object.state = options.enums === $String ? $root.kefu.v1.SessionState[message.state] === $undefined ? message.state : $root.kefu.v1.SessionState[message.state] : message.state;
                return object;
            };

            /**
             * Converts this Welcome to JSON.
             * @function toJSON
             * @memberof kefu.v1.Welcome
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Welcome.prototype.toJSON = function() {
                return Welcome.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Welcome
             * @function getTypeUrl
             * @memberof kefu.v1.Welcome
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Welcome.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Welcome";
            };

            return Welcome;
        })();

        v1.Send = (function() {

            /**
             * Properties of a Send.
             * @typedef {Object} kefu.v1.Send.$Properties
             * @property {string|null} [sessionId] Send sessionId
             * @property {kefu.v1.ChatMessage.$Properties|null} [message] Send message
             * @property {boolean|null} [internal] Send internal
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Send.
             * @memberof kefu.v1
             * @interface ISend
             * @augments kefu.v1.Send.$Properties
             * @deprecated Use kefu.v1.Send.$Properties instead.
             */

            /**
             * Shape of a Send.
             * @typedef {kefu.v1.Send.$Properties} kefu.v1.Send.$Shape
             */

            /**
             * Constructs a new Send.
             * @memberof kefu.v1
             * @classdesc Represents a Send.
             * @constructor
             * @param {kefu.v1.Send.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Send = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Send sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Send
             * @instance
             */
            Send.prototype.sessionId = "";

            /**
             * Send message.
             * @member {kefu.v1.ChatMessage.$Properties|null|undefined} message
             * @memberof kefu.v1.Send
             * @instance
             */
            Send.prototype.message = null;

            /**
             * Send internal.
             * @member {boolean} internal
             * @memberof kefu.v1.Send
             * @instance
             */
            Send.prototype.internal = false;

            /**
             * Creates a new Send instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Send
             * @static
             * @param {kefu.v1.Send.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Send} Send instance
             * @type {{
             *   (properties: kefu.v1.Send.$Shape): kefu.v1.Send & kefu.v1.Send.$Shape;
             *   (properties?: kefu.v1.Send.$Properties): kefu.v1.Send;
             * }}
             */
            Send.create = function(properties) {
                return new Send(properties);
            };

            /**
             * Encodes the specified Send message. Does not implicitly {@link kefu.v1.Send.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Send
             * @static
             * @param {kefu.v1.Send.$Properties} message Send message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Send.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    $root.kefu.v1.ChatMessage.encode(message.message, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.internal != null && $Object.hasOwnProperty.call(message, "internal") && message.internal !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.internal);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Send message, length delimited. Does not implicitly {@link kefu.v1.Send.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Send
             * @static
             * @param {kefu.v1.Send.$Properties} message Send message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Send.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Send message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Send
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Send & kefu.v1.Send.$Shape} Send
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Send.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Send();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.message = $root.kefu.v1.ChatMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.message);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.internal = value;
                            else
                                delete message.internal;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Send message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Send
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Send & kefu.v1.Send.$Shape} Send
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Send.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Send message.
             * @function verify
             * @memberof kefu.v1.Send
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Send.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message")) {
                    let error = $root.kefu.v1.ChatMessage.verify(message.message, _depth + 1);
                    if (error)
                        return "message." + error;
                }
                if (message.internal != null && $Object.hasOwnProperty.call(message, "internal"))
                    if (typeof message.internal !== "boolean")
                        return "internal: boolean expected";
                return null;
            };

            /**
             * Creates a Send message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Send
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Send} Send
             */
            Send.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Send)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Send: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Send();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.message != null) {
                    if (!$util.isObject(object.message))
                        throw $TypeError(".kefu.v1.Send.message: object expected");
                    message.message = $root.kefu.v1.ChatMessage.fromObject(object.message, _depth + 1);
                }
                if (object.internal != null)
                    if (object.internal)
                        message.internal = $Boolean(object.internal);
                return message;
            };

            /**
             * Creates a plain object from a Send message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Send
             * @static
             * @param {kefu.v1.Send} message Send
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Send.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.message = null;
                    object.internal = false;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = $root.kefu.v1.ChatMessage.toObject(message.message, options, _depth + 1);
                if (message.internal != null && $Object.hasOwnProperty.call(message, "internal"))
                    object.internal = message.internal;
                return object;
            };

            /**
             * Converts this Send to JSON.
             * @function toJSON
             * @memberof kefu.v1.Send
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Send.prototype.toJSON = function() {
                return Send.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Send
             * @function getTypeUrl
             * @memberof kefu.v1.Send
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Send.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Send";
            };

            return Send;
        })();

        v1.Ack = (function() {

            /**
             * Properties of an Ack.
             * @typedef {Object} kefu.v1.Ack.$Properties
             * @property {string|null} [sessionId] Ack sessionId
             * @property {string|null} [clientMsgId] Ack clientMsgId
             * @property {number|null} [seq] Ack seq
             * @property {boolean|null} [duplicate] Ack duplicate
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ack.
             * @memberof kefu.v1
             * @interface IAck
             * @augments kefu.v1.Ack.$Properties
             * @deprecated Use kefu.v1.Ack.$Properties instead.
             */

            /**
             * Shape of an Ack.
             * @typedef {kefu.v1.Ack.$Properties} kefu.v1.Ack.$Shape
             */

            /**
             * Constructs a new Ack.
             * @memberof kefu.v1
             * @classdesc Represents an Ack.
             * @constructor
             * @param {kefu.v1.Ack.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ack = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ack sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Ack
             * @instance
             */
            Ack.prototype.sessionId = "";

            /**
             * Ack clientMsgId.
             * @member {string} clientMsgId
             * @memberof kefu.v1.Ack
             * @instance
             */
            Ack.prototype.clientMsgId = "";

            /**
             * Ack seq.
             * @member {number} seq
             * @memberof kefu.v1.Ack
             * @instance
             */
            Ack.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Ack duplicate.
             * @member {boolean} duplicate
             * @memberof kefu.v1.Ack
             * @instance
             */
            Ack.prototype.duplicate = false;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Ack
             * @static
             * @param {kefu.v1.Ack.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Ack} Ack instance
             * @type {{
             *   (properties: kefu.v1.Ack.$Shape): kefu.v1.Ack & kefu.v1.Ack.$Shape;
             *   (properties?: kefu.v1.Ack.$Properties): kefu.v1.Ack;
             * }}
             */
            Ack.create = function(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link kefu.v1.Ack.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Ack
             * @static
             * @param {kefu.v1.Ack.$Properties} message Ack message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId") && message.clientMsgId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.clientMsgId);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.seq);
                if (message.duplicate != null && $Object.hasOwnProperty.call(message, "duplicate") && message.duplicate !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.duplicate);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Ack message, length delimited. Does not implicitly {@link kefu.v1.Ack.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Ack
             * @static
             * @param {kefu.v1.Ack.$Properties} message Ack message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Ack & kefu.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Ack();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.clientMsgId = value;
                            else
                                delete message.clientMsgId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.duplicate = value;
                            else
                                delete message.duplicate;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Ack & kefu.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Ack message.
             * @function verify
             * @memberof kefu.v1.Ack
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Ack.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId"))
                    if (!$util.isString(message.clientMsgId))
                        return "clientMsgId: string expected";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.duplicate != null && $Object.hasOwnProperty.call(message, "duplicate"))
                    if (typeof message.duplicate !== "boolean")
                        return "duplicate: boolean expected";
                return null;
            };

            /**
             * Creates an Ack message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Ack
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Ack} Ack
             */
            Ack.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Ack)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Ack: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Ack();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.clientMsgId != null)
                    if (typeof object.clientMsgId !== "string" || object.clientMsgId.length)
                        message.clientMsgId = $String(object.clientMsgId);
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.duplicate != null)
                    if (object.duplicate)
                        message.duplicate = $Boolean(object.duplicate);
                return message;
            };

            /**
             * Creates a plain object from an Ack message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Ack
             * @static
             * @param {kefu.v1.Ack} message Ack
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Ack.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.clientMsgId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.duplicate = false;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId"))
                    object.clientMsgId = message.clientMsgId;
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.duplicate != null && $Object.hasOwnProperty.call(message, "duplicate"))
                    object.duplicate = message.duplicate;
                return object;
            };

            /**
             * Converts this Ack to JSON.
             * @function toJSON
             * @memberof kefu.v1.Ack
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Ack.prototype.toJSON = function() {
                return Ack.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Ack
             * @function getTypeUrl
             * @memberof kefu.v1.Ack
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ack.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Ack";
            };

            return Ack;
        })();

        v1.Deliver = (function() {

            /**
             * Properties of a Deliver.
             * @typedef {Object} kefu.v1.Deliver.$Properties
             * @property {kefu.v1.SessionEvent.$Properties|null} [event] Deliver event
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Deliver.
             * @memberof kefu.v1
             * @interface IDeliver
             * @augments kefu.v1.Deliver.$Properties
             * @deprecated Use kefu.v1.Deliver.$Properties instead.
             */

            /**
             * Shape of a Deliver.
             * @typedef {{
             *   event?: kefu.v1.SessionEvent.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} kefu.v1.Deliver.$Shape
             */

            /**
             * Constructs a new Deliver.
             * @memberof kefu.v1
             * @classdesc Represents a Deliver.
             * @constructor
             * @param {kefu.v1.Deliver.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Deliver = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Deliver event.
             * @member {kefu.v1.SessionEvent.$Properties|null|undefined} event
             * @memberof kefu.v1.Deliver
             * @instance
             */
            Deliver.prototype.event = null;

            /**
             * Creates a new Deliver instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Deliver
             * @static
             * @param {kefu.v1.Deliver.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Deliver} Deliver instance
             * @type {{
             *   (properties: kefu.v1.Deliver.$Shape): kefu.v1.Deliver & kefu.v1.Deliver.$Shape;
             *   (properties?: kefu.v1.Deliver.$Properties): kefu.v1.Deliver;
             * }}
             */
            Deliver.create = function(properties) {
                return new Deliver(properties);
            };

            /**
             * Encodes the specified Deliver message. Does not implicitly {@link kefu.v1.Deliver.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Deliver
             * @static
             * @param {kefu.v1.Deliver.$Properties} message Deliver message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Deliver.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.event != null && $Object.hasOwnProperty.call(message, "event"))
                    $root.kefu.v1.SessionEvent.encode(message.event, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Deliver message, length delimited. Does not implicitly {@link kefu.v1.Deliver.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Deliver
             * @static
             * @param {kefu.v1.Deliver.$Properties} message Deliver message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Deliver.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Deliver message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Deliver
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Deliver & kefu.v1.Deliver.$Shape} Deliver
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Deliver.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Deliver();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.event = $root.kefu.v1.SessionEvent.decode(reader, reader.size(), $undefined, _depth + 1, message.event);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Deliver message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Deliver
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Deliver & kefu.v1.Deliver.$Shape} Deliver
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Deliver.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Deliver message.
             * @function verify
             * @memberof kefu.v1.Deliver
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Deliver.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.event != null && $Object.hasOwnProperty.call(message, "event")) {
                    let error = $root.kefu.v1.SessionEvent.verify(message.event, _depth + 1);
                    if (error)
                        return "event." + error;
                }
                return null;
            };

            /**
             * Creates a Deliver message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Deliver
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Deliver} Deliver
             */
            Deliver.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Deliver)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Deliver: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Deliver();
                if (object.event != null) {
                    if (!$util.isObject(object.event))
                        throw $TypeError(".kefu.v1.Deliver.event: object expected");
                    message.event = $root.kefu.v1.SessionEvent.fromObject(object.event, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a Deliver message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Deliver
             * @static
             * @param {kefu.v1.Deliver} message Deliver
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Deliver.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.event = null;
                if (message.event != null && $Object.hasOwnProperty.call(message, "event"))
                    object.event = $root.kefu.v1.SessionEvent.toObject(message.event, options, _depth + 1);
                return object;
            };

            /**
             * Converts this Deliver to JSON.
             * @function toJSON
             * @memberof kefu.v1.Deliver
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Deliver.prototype.toJSON = function() {
                return Deliver.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Deliver
             * @function getTypeUrl
             * @memberof kefu.v1.Deliver
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Deliver.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Deliver";
            };

            return Deliver;
        })();

        v1.Resume = (function() {

            /**
             * Properties of a Resume.
             * @typedef {Object} kefu.v1.Resume.$Properties
             * @property {string|null} [sessionId] Resume sessionId
             * @property {number|null} [lastSeq] Resume lastSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Resume.
             * @memberof kefu.v1
             * @interface IResume
             * @augments kefu.v1.Resume.$Properties
             * @deprecated Use kefu.v1.Resume.$Properties instead.
             */

            /**
             * Shape of a Resume.
             * @typedef {kefu.v1.Resume.$Properties} kefu.v1.Resume.$Shape
             */

            /**
             * Constructs a new Resume.
             * @memberof kefu.v1
             * @classdesc Represents a Resume.
             * @constructor
             * @param {kefu.v1.Resume.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Resume = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Resume sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Resume
             * @instance
             */
            Resume.prototype.sessionId = "";

            /**
             * Resume lastSeq.
             * @member {number} lastSeq
             * @memberof kefu.v1.Resume
             * @instance
             */
            Resume.prototype.lastSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Resume instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Resume
             * @static
             * @param {kefu.v1.Resume.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Resume} Resume instance
             * @type {{
             *   (properties: kefu.v1.Resume.$Shape): kefu.v1.Resume & kefu.v1.Resume.$Shape;
             *   (properties?: kefu.v1.Resume.$Properties): kefu.v1.Resume;
             * }}
             */
            Resume.create = function(properties) {
                return new Resume(properties);
            };

            /**
             * Encodes the specified Resume message. Does not implicitly {@link kefu.v1.Resume.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Resume
             * @static
             * @param {kefu.v1.Resume.$Properties} message Resume message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resume.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq") && (typeof message.lastSeq === "object" ? message.lastSeq.low || message.lastSeq.high : message.lastSeq !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.lastSeq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Resume message, length delimited. Does not implicitly {@link kefu.v1.Resume.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Resume
             * @static
             * @param {kefu.v1.Resume.$Properties} message Resume message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resume.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Resume message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Resume
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Resume & kefu.v1.Resume.$Shape} Resume
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resume.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Resume();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastSeq = value;
                            else
                                delete message.lastSeq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Resume message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Resume
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Resume & kefu.v1.Resume.$Shape} Resume
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resume.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Resume message.
             * @function verify
             * @memberof kefu.v1.Resume
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Resume.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq"))
                    if (!$util.isInteger(message.lastSeq) && !(message.lastSeq && $util.isInteger(message.lastSeq.low) && $util.isInteger(message.lastSeq.high)))
                        return "lastSeq: integer|Long expected";
                return null;
            };

            /**
             * Creates a Resume message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Resume
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Resume} Resume
             */
            Resume.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Resume)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Resume: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Resume();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.lastSeq != null)
                    if (typeof object.lastSeq === "object" ? object.lastSeq.low || object.lastSeq.high : $Number(object.lastSeq) !== 0)
                        if ($util.Long)
                            message.lastSeq = $util.Long.fromValue(object.lastSeq, true);
                        else if (typeof object.lastSeq === "string")
                            message.lastSeq = $parseInt(object.lastSeq, 10);
                        else if (typeof object.lastSeq === "number")
                            message.lastSeq = object.lastSeq;
                        else if (typeof object.lastSeq === "object")
                            message.lastSeq = new $util.LongBits(object.lastSeq.low >>> 0, object.lastSeq.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a Resume message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Resume
             * @static
             * @param {kefu.v1.Resume} message Resume
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Resume.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.lastSeq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.lastSeq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.lastSeq = typeof message.lastSeq === "number" ? $BigInt(message.lastSeq) : $util.Long.fromBits(message.lastSeq.low >>> 0, message.lastSeq.high >>> 0, true).toBigInt();
                    else if (typeof message.lastSeq === "number")
                        object.lastSeq = options.longs === $String ? $String(message.lastSeq) : message.lastSeq;
                    else
                        object.lastSeq = options.longs === $String ? $util.Long.prototype.toString.call(message.lastSeq) : options.longs === $Number ? new $util.LongBits(message.lastSeq.low >>> 0, message.lastSeq.high >>> 0).toNumber(true) : message.lastSeq;
                return object;
            };

            /**
             * Converts this Resume to JSON.
             * @function toJSON
             * @memberof kefu.v1.Resume
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Resume.prototype.toJSON = function() {
                return Resume.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Resume
             * @function getTypeUrl
             * @memberof kefu.v1.Resume
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Resume.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Resume";
            };

            return Resume;
        })();

        v1.Resumed = (function() {

            /**
             * Properties of a Resumed.
             * @typedef {Object} kefu.v1.Resumed.$Properties
             * @property {string|null} [sessionId] Resumed sessionId
             * @property {number|null} [fromSeq] Resumed fromSeq
             * @property {number|null} [toSeq] Resumed toSeq
             * @property {number|null} [replayed] Resumed replayed
             * @property {string|null} [source] Resumed source
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Resumed.
             * @memberof kefu.v1
             * @interface IResumed
             * @augments kefu.v1.Resumed.$Properties
             * @deprecated Use kefu.v1.Resumed.$Properties instead.
             */

            /**
             * Shape of a Resumed.
             * @typedef {kefu.v1.Resumed.$Properties} kefu.v1.Resumed.$Shape
             */

            /**
             * Constructs a new Resumed.
             * @memberof kefu.v1
             * @classdesc Represents a Resumed.
             * @constructor
             * @param {kefu.v1.Resumed.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Resumed = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Resumed sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Resumed
             * @instance
             */
            Resumed.prototype.sessionId = "";

            /**
             * Resumed fromSeq.
             * @member {number} fromSeq
             * @memberof kefu.v1.Resumed
             * @instance
             */
            Resumed.prototype.fromSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Resumed toSeq.
             * @member {number} toSeq
             * @memberof kefu.v1.Resumed
             * @instance
             */
            Resumed.prototype.toSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Resumed replayed.
             * @member {number} replayed
             * @memberof kefu.v1.Resumed
             * @instance
             */
            Resumed.prototype.replayed = 0;

            /**
             * Resumed source.
             * @member {string} source
             * @memberof kefu.v1.Resumed
             * @instance
             */
            Resumed.prototype.source = "";

            /**
             * Creates a new Resumed instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Resumed
             * @static
             * @param {kefu.v1.Resumed.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Resumed} Resumed instance
             * @type {{
             *   (properties: kefu.v1.Resumed.$Shape): kefu.v1.Resumed & kefu.v1.Resumed.$Shape;
             *   (properties?: kefu.v1.Resumed.$Properties): kefu.v1.Resumed;
             * }}
             */
            Resumed.create = function(properties) {
                return new Resumed(properties);
            };

            /**
             * Encodes the specified Resumed message. Does not implicitly {@link kefu.v1.Resumed.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Resumed
             * @static
             * @param {kefu.v1.Resumed.$Properties} message Resumed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resumed.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.fromSeq != null && $Object.hasOwnProperty.call(message, "fromSeq") && (typeof message.fromSeq === "object" ? message.fromSeq.low || message.fromSeq.high : message.fromSeq !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.fromSeq);
                if (message.toSeq != null && $Object.hasOwnProperty.call(message, "toSeq") && (typeof message.toSeq === "object" ? message.toSeq.low || message.toSeq.high : message.toSeq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.toSeq);
                if (message.replayed != null && $Object.hasOwnProperty.call(message, "replayed") && message.replayed !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.replayed);
                if (message.source != null && $Object.hasOwnProperty.call(message, "source") && message.source !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.source);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Resumed message, length delimited. Does not implicitly {@link kefu.v1.Resumed.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Resumed
             * @static
             * @param {kefu.v1.Resumed.$Properties} message Resumed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resumed.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Resumed message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Resumed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Resumed & kefu.v1.Resumed.$Shape} Resumed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resumed.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Resumed();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.fromSeq = value;
                            else
                                delete message.fromSeq;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.toSeq = value;
                            else
                                delete message.toSeq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.replayed = value;
                            else
                                delete message.replayed;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.source = value;
                            else
                                delete message.source;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Resumed message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Resumed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Resumed & kefu.v1.Resumed.$Shape} Resumed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resumed.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Resumed message.
             * @function verify
             * @memberof kefu.v1.Resumed
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Resumed.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.fromSeq != null && $Object.hasOwnProperty.call(message, "fromSeq"))
                    if (!$util.isInteger(message.fromSeq) && !(message.fromSeq && $util.isInteger(message.fromSeq.low) && $util.isInteger(message.fromSeq.high)))
                        return "fromSeq: integer|Long expected";
                if (message.toSeq != null && $Object.hasOwnProperty.call(message, "toSeq"))
                    if (!$util.isInteger(message.toSeq) && !(message.toSeq && $util.isInteger(message.toSeq.low) && $util.isInteger(message.toSeq.high)))
                        return "toSeq: integer|Long expected";
                if (message.replayed != null && $Object.hasOwnProperty.call(message, "replayed"))
                    if (!$util.isInteger(message.replayed))
                        return "replayed: integer expected";
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    if (!$util.isString(message.source))
                        return "source: string expected";
                return null;
            };

            /**
             * Creates a Resumed message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Resumed
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Resumed} Resumed
             */
            Resumed.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Resumed)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Resumed: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Resumed();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.fromSeq != null)
                    if (typeof object.fromSeq === "object" ? object.fromSeq.low || object.fromSeq.high : $Number(object.fromSeq) !== 0)
                        if ($util.Long)
                            message.fromSeq = $util.Long.fromValue(object.fromSeq, true);
                        else if (typeof object.fromSeq === "string")
                            message.fromSeq = $parseInt(object.fromSeq, 10);
                        else if (typeof object.fromSeq === "number")
                            message.fromSeq = object.fromSeq;
                        else if (typeof object.fromSeq === "object")
                            message.fromSeq = new $util.LongBits(object.fromSeq.low >>> 0, object.fromSeq.high >>> 0).toNumber(true);
                if (object.toSeq != null)
                    if (typeof object.toSeq === "object" ? object.toSeq.low || object.toSeq.high : $Number(object.toSeq) !== 0)
                        if ($util.Long)
                            message.toSeq = $util.Long.fromValue(object.toSeq, true);
                        else if (typeof object.toSeq === "string")
                            message.toSeq = $parseInt(object.toSeq, 10);
                        else if (typeof object.toSeq === "number")
                            message.toSeq = object.toSeq;
                        else if (typeof object.toSeq === "object")
                            message.toSeq = new $util.LongBits(object.toSeq.low >>> 0, object.toSeq.high >>> 0).toNumber(true);
                if (object.replayed != null)
                    if ($Number(object.replayed) !== 0)
                        message.replayed = object.replayed >>> 0;
                if (object.source != null)
                    if (typeof object.source !== "string" || object.source.length)
                        message.source = $String(object.source);
                return message;
            };

            /**
             * Creates a plain object from a Resumed message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Resumed
             * @static
             * @param {kefu.v1.Resumed} message Resumed
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Resumed.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.fromSeq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.fromSeq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.toSeq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.toSeq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.replayed = 0;
                    object.source = "";
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.fromSeq != null && $Object.hasOwnProperty.call(message, "fromSeq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.fromSeq = typeof message.fromSeq === "number" ? $BigInt(message.fromSeq) : $util.Long.fromBits(message.fromSeq.low >>> 0, message.fromSeq.high >>> 0, true).toBigInt();
                    else if (typeof message.fromSeq === "number")
                        object.fromSeq = options.longs === $String ? $String(message.fromSeq) : message.fromSeq;
                    else
                        object.fromSeq = options.longs === $String ? $util.Long.prototype.toString.call(message.fromSeq) : options.longs === $Number ? new $util.LongBits(message.fromSeq.low >>> 0, message.fromSeq.high >>> 0).toNumber(true) : message.fromSeq;
                if (message.toSeq != null && $Object.hasOwnProperty.call(message, "toSeq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.toSeq = typeof message.toSeq === "number" ? $BigInt(message.toSeq) : $util.Long.fromBits(message.toSeq.low >>> 0, message.toSeq.high >>> 0, true).toBigInt();
                    else if (typeof message.toSeq === "number")
                        object.toSeq = options.longs === $String ? $String(message.toSeq) : message.toSeq;
                    else
                        object.toSeq = options.longs === $String ? $util.Long.prototype.toString.call(message.toSeq) : options.longs === $Number ? new $util.LongBits(message.toSeq.low >>> 0, message.toSeq.high >>> 0).toNumber(true) : message.toSeq;
                if (message.replayed != null && $Object.hasOwnProperty.call(message, "replayed"))
                    object.replayed = message.replayed;
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    object.source = message.source;
                return object;
            };

            /**
             * Converts this Resumed to JSON.
             * @function toJSON
             * @memberof kefu.v1.Resumed
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Resumed.prototype.toJSON = function() {
                return Resumed.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Resumed
             * @function getTypeUrl
             * @memberof kefu.v1.Resumed
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Resumed.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Resumed";
            };

            return Resumed;
        })();

        v1.Typing = (function() {

            /**
             * Properties of a Typing.
             * @typedef {Object} kefu.v1.Typing.$Properties
             * @property {string|null} [sessionId] Typing sessionId
             * @property {boolean|null} [on] Typing on
             * @property {kefu.v1.Actor.$Properties|null} [actor] Typing actor
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Typing.
             * @memberof kefu.v1
             * @interface ITyping
             * @augments kefu.v1.Typing.$Properties
             * @deprecated Use kefu.v1.Typing.$Properties instead.
             */

            /**
             * Shape of a Typing.
             * @typedef {kefu.v1.Typing.$Properties} kefu.v1.Typing.$Shape
             */

            /**
             * Constructs a new Typing.
             * @memberof kefu.v1
             * @classdesc Represents a Typing.
             * @constructor
             * @param {kefu.v1.Typing.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Typing = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Typing sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Typing
             * @instance
             */
            Typing.prototype.sessionId = "";

            /**
             * Typing on.
             * @member {boolean} on
             * @memberof kefu.v1.Typing
             * @instance
             */
            Typing.prototype.on = false;

            /**
             * Typing actor.
             * @member {kefu.v1.Actor.$Properties|null|undefined} actor
             * @memberof kefu.v1.Typing
             * @instance
             */
            Typing.prototype.actor = null;

            /**
             * Creates a new Typing instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Typing
             * @static
             * @param {kefu.v1.Typing.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Typing} Typing instance
             * @type {{
             *   (properties: kefu.v1.Typing.$Shape): kefu.v1.Typing & kefu.v1.Typing.$Shape;
             *   (properties?: kefu.v1.Typing.$Properties): kefu.v1.Typing;
             * }}
             */
            Typing.create = function(properties) {
                return new Typing(properties);
            };

            /**
             * Encodes the specified Typing message. Does not implicitly {@link kefu.v1.Typing.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Typing
             * @static
             * @param {kefu.v1.Typing.$Properties} message Typing message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Typing.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.on != null && $Object.hasOwnProperty.call(message, "on") && message.on !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.on);
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    $root.kefu.v1.Actor.encode(message.actor, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Typing message, length delimited. Does not implicitly {@link kefu.v1.Typing.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Typing
             * @static
             * @param {kefu.v1.Typing.$Properties} message Typing message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Typing.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Typing message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Typing
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Typing & kefu.v1.Typing.$Shape} Typing
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Typing.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Typing();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.on = value;
                            else
                                delete message.on;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.actor = $root.kefu.v1.Actor.decode(reader, reader.size(), $undefined, _depth + 1, message.actor);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Typing message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Typing
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Typing & kefu.v1.Typing.$Shape} Typing
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Typing.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Typing message.
             * @function verify
             * @memberof kefu.v1.Typing
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Typing.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.on != null && $Object.hasOwnProperty.call(message, "on"))
                    if (typeof message.on !== "boolean")
                        return "on: boolean expected";
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor")) {
                    let error = $root.kefu.v1.Actor.verify(message.actor, _depth + 1);
                    if (error)
                        return "actor." + error;
                }
                return null;
            };

            /**
             * Creates a Typing message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Typing
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Typing} Typing
             */
            Typing.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Typing)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Typing: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Typing();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.on != null)
                    if (object.on)
                        message.on = $Boolean(object.on);
                if (object.actor != null) {
                    if (!$util.isObject(object.actor))
                        throw $TypeError(".kefu.v1.Typing.actor: object expected");
                    message.actor = $root.kefu.v1.Actor.fromObject(object.actor, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a Typing message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Typing
             * @static
             * @param {kefu.v1.Typing} message Typing
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Typing.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.on = false;
                    object.actor = null;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.on != null && $Object.hasOwnProperty.call(message, "on"))
                    object.on = message.on;
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    object.actor = $root.kefu.v1.Actor.toObject(message.actor, options, _depth + 1);
                return object;
            };

            /**
             * Converts this Typing to JSON.
             * @function toJSON
             * @memberof kefu.v1.Typing
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Typing.prototype.toJSON = function() {
                return Typing.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Typing
             * @function getTypeUrl
             * @memberof kefu.v1.Typing
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Typing.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Typing";
            };

            return Typing;
        })();

        v1.ReadReceipt = (function() {

            /**
             * Properties of a ReadReceipt.
             * @typedef {Object} kefu.v1.ReadReceipt.$Properties
             * @property {string|null} [sessionId] ReadReceipt sessionId
             * @property {number|null} [seq] ReadReceipt seq
             * @property {kefu.v1.Actor.$Properties|null} [actor] ReadReceipt actor
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ReadReceipt.
             * @memberof kefu.v1
             * @interface IReadReceipt
             * @augments kefu.v1.ReadReceipt.$Properties
             * @deprecated Use kefu.v1.ReadReceipt.$Properties instead.
             */

            /**
             * Shape of a ReadReceipt.
             * @typedef {kefu.v1.ReadReceipt.$Properties} kefu.v1.ReadReceipt.$Shape
             */

            /**
             * Constructs a new ReadReceipt.
             * @memberof kefu.v1
             * @classdesc Represents a ReadReceipt.
             * @constructor
             * @param {kefu.v1.ReadReceipt.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ReadReceipt = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ReadReceipt sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.ReadReceipt
             * @instance
             */
            ReadReceipt.prototype.sessionId = "";

            /**
             * ReadReceipt seq.
             * @member {number} seq
             * @memberof kefu.v1.ReadReceipt
             * @instance
             */
            ReadReceipt.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ReadReceipt actor.
             * @member {kefu.v1.Actor.$Properties|null|undefined} actor
             * @memberof kefu.v1.ReadReceipt
             * @instance
             */
            ReadReceipt.prototype.actor = null;

            /**
             * Creates a new ReadReceipt instance using the specified properties.
             * @function create
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {kefu.v1.ReadReceipt.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.ReadReceipt} ReadReceipt instance
             * @type {{
             *   (properties: kefu.v1.ReadReceipt.$Shape): kefu.v1.ReadReceipt & kefu.v1.ReadReceipt.$Shape;
             *   (properties?: kefu.v1.ReadReceipt.$Properties): kefu.v1.ReadReceipt;
             * }}
             */
            ReadReceipt.create = function(properties) {
                return new ReadReceipt(properties);
            };

            /**
             * Encodes the specified ReadReceipt message. Does not implicitly {@link kefu.v1.ReadReceipt.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {kefu.v1.ReadReceipt.$Properties} message ReadReceipt message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReadReceipt.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.seq);
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    $root.kefu.v1.Actor.encode(message.actor, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ReadReceipt message, length delimited. Does not implicitly {@link kefu.v1.ReadReceipt.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {kefu.v1.ReadReceipt.$Properties} message ReadReceipt message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReadReceipt.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ReadReceipt message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.ReadReceipt & kefu.v1.ReadReceipt.$Shape} ReadReceipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReadReceipt.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.ReadReceipt();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.actor = $root.kefu.v1.Actor.decode(reader, reader.size(), $undefined, _depth + 1, message.actor);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a ReadReceipt message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.ReadReceipt & kefu.v1.ReadReceipt.$Shape} ReadReceipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReadReceipt.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ReadReceipt message.
             * @function verify
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ReadReceipt.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor")) {
                    let error = $root.kefu.v1.Actor.verify(message.actor, _depth + 1);
                    if (error)
                        return "actor." + error;
                }
                return null;
            };

            /**
             * Creates a ReadReceipt message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.ReadReceipt} ReadReceipt
             */
            ReadReceipt.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.ReadReceipt)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.ReadReceipt: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.ReadReceipt();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.actor != null) {
                    if (!$util.isObject(object.actor))
                        throw $TypeError(".kefu.v1.ReadReceipt.actor: object expected");
                    message.actor = $root.kefu.v1.Actor.fromObject(object.actor, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a ReadReceipt message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {kefu.v1.ReadReceipt} message ReadReceipt
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ReadReceipt.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.actor = null;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    object.actor = $root.kefu.v1.Actor.toObject(message.actor, options, _depth + 1);
                return object;
            };

            /**
             * Converts this ReadReceipt to JSON.
             * @function toJSON
             * @memberof kefu.v1.ReadReceipt
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ReadReceipt.prototype.toJSON = function() {
                return ReadReceipt.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ReadReceipt
             * @function getTypeUrl
             * @memberof kefu.v1.ReadReceipt
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ReadReceipt.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.ReadReceipt";
            };

            return ReadReceipt;
        })();

        v1.Presence = (function() {

            /**
             * Properties of a Presence.
             * @typedef {Object} kefu.v1.Presence.$Properties
             * @property {string|null} [sessionId] Presence sessionId
             * @property {kefu.v1.Actor.$Properties|null} [actor] Presence actor
             * @property {boolean|null} [online] Presence online
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Presence.
             * @memberof kefu.v1
             * @interface IPresence
             * @augments kefu.v1.Presence.$Properties
             * @deprecated Use kefu.v1.Presence.$Properties instead.
             */

            /**
             * Shape of a Presence.
             * @typedef {kefu.v1.Presence.$Properties} kefu.v1.Presence.$Shape
             */

            /**
             * Constructs a new Presence.
             * @memberof kefu.v1
             * @classdesc Represents a Presence.
             * @constructor
             * @param {kefu.v1.Presence.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Presence = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Presence sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Presence
             * @instance
             */
            Presence.prototype.sessionId = "";

            /**
             * Presence actor.
             * @member {kefu.v1.Actor.$Properties|null|undefined} actor
             * @memberof kefu.v1.Presence
             * @instance
             */
            Presence.prototype.actor = null;

            /**
             * Presence online.
             * @member {boolean} online
             * @memberof kefu.v1.Presence
             * @instance
             */
            Presence.prototype.online = false;

            /**
             * Creates a new Presence instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Presence
             * @static
             * @param {kefu.v1.Presence.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Presence} Presence instance
             * @type {{
             *   (properties: kefu.v1.Presence.$Shape): kefu.v1.Presence & kefu.v1.Presence.$Shape;
             *   (properties?: kefu.v1.Presence.$Properties): kefu.v1.Presence;
             * }}
             */
            Presence.create = function(properties) {
                return new Presence(properties);
            };

            /**
             * Encodes the specified Presence message. Does not implicitly {@link kefu.v1.Presence.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Presence
             * @static
             * @param {kefu.v1.Presence.$Properties} message Presence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    $root.kefu.v1.Actor.encode(message.actor, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.online != null && $Object.hasOwnProperty.call(message, "online") && message.online !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.online);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Presence message, length delimited. Does not implicitly {@link kefu.v1.Presence.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Presence
             * @static
             * @param {kefu.v1.Presence.$Properties} message Presence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Presence & kefu.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Presence();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.actor = $root.kefu.v1.Actor.decode(reader, reader.size(), $undefined, _depth + 1, message.actor);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.online = value;
                            else
                                delete message.online;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Presence message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Presence & kefu.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Presence message.
             * @function verify
             * @memberof kefu.v1.Presence
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Presence.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor")) {
                    let error = $root.kefu.v1.Actor.verify(message.actor, _depth + 1);
                    if (error)
                        return "actor." + error;
                }
                if (message.online != null && $Object.hasOwnProperty.call(message, "online"))
                    if (typeof message.online !== "boolean")
                        return "online: boolean expected";
                return null;
            };

            /**
             * Creates a Presence message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Presence
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Presence} Presence
             */
            Presence.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Presence)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Presence: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Presence();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.actor != null) {
                    if (!$util.isObject(object.actor))
                        throw $TypeError(".kefu.v1.Presence.actor: object expected");
                    message.actor = $root.kefu.v1.Actor.fromObject(object.actor, _depth + 1);
                }
                if (object.online != null)
                    if (object.online)
                        message.online = $Boolean(object.online);
                return message;
            };

            /**
             * Creates a plain object from a Presence message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Presence
             * @static
             * @param {kefu.v1.Presence} message Presence
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Presence.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.actor = null;
                    object.online = false;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    object.actor = $root.kefu.v1.Actor.toObject(message.actor, options, _depth + 1);
                if (message.online != null && $Object.hasOwnProperty.call(message, "online"))
                    object.online = message.online;
                return object;
            };

            /**
             * Converts this Presence to JSON.
             * @function toJSON
             * @memberof kefu.v1.Presence
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Presence.prototype.toJSON = function() {
                return Presence.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Presence
             * @function getTypeUrl
             * @memberof kefu.v1.Presence
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Presence.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Presence";
            };

            return Presence;
        })();

        v1.BotDelta = (function() {

            /**
             * Properties of a BotDelta.
             * @typedef {Object} kefu.v1.BotDelta.$Properties
             * @property {string|null} [sessionId] BotDelta sessionId
             * @property {string|null} [replyId] BotDelta replyId
             * @property {string|null} [text] BotDelta text
             * @property {boolean|null} [done] BotDelta done
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BotDelta.
             * @memberof kefu.v1
             * @interface IBotDelta
             * @augments kefu.v1.BotDelta.$Properties
             * @deprecated Use kefu.v1.BotDelta.$Properties instead.
             */

            /**
             * Shape of a BotDelta.
             * @typedef {kefu.v1.BotDelta.$Properties} kefu.v1.BotDelta.$Shape
             */

            /**
             * Constructs a new BotDelta.
             * @memberof kefu.v1
             * @classdesc Represents a BotDelta.
             * @constructor
             * @param {kefu.v1.BotDelta.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BotDelta = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BotDelta sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.BotDelta
             * @instance
             */
            BotDelta.prototype.sessionId = "";

            /**
             * BotDelta replyId.
             * @member {string} replyId
             * @memberof kefu.v1.BotDelta
             * @instance
             */
            BotDelta.prototype.replyId = "";

            /**
             * BotDelta text.
             * @member {string} text
             * @memberof kefu.v1.BotDelta
             * @instance
             */
            BotDelta.prototype.text = "";

            /**
             * BotDelta done.
             * @member {boolean} done
             * @memberof kefu.v1.BotDelta
             * @instance
             */
            BotDelta.prototype.done = false;

            /**
             * Creates a new BotDelta instance using the specified properties.
             * @function create
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {kefu.v1.BotDelta.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.BotDelta} BotDelta instance
             * @type {{
             *   (properties: kefu.v1.BotDelta.$Shape): kefu.v1.BotDelta & kefu.v1.BotDelta.$Shape;
             *   (properties?: kefu.v1.BotDelta.$Properties): kefu.v1.BotDelta;
             * }}
             */
            BotDelta.create = function(properties) {
                return new BotDelta(properties);
            };

            /**
             * Encodes the specified BotDelta message. Does not implicitly {@link kefu.v1.BotDelta.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {kefu.v1.BotDelta.$Properties} message BotDelta message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BotDelta.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.replyId != null && $Object.hasOwnProperty.call(message, "replyId") && message.replyId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.replyId);
                if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.text);
                if (message.done != null && $Object.hasOwnProperty.call(message, "done") && message.done !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.done);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified BotDelta message, length delimited. Does not implicitly {@link kefu.v1.BotDelta.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {kefu.v1.BotDelta.$Properties} message BotDelta message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BotDelta.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a BotDelta message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.BotDelta & kefu.v1.BotDelta.$Shape} BotDelta
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BotDelta.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.BotDelta();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.replyId = value;
                            else
                                delete message.replyId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.text = value;
                            else
                                delete message.text;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.done = value;
                            else
                                delete message.done;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a BotDelta message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.BotDelta & kefu.v1.BotDelta.$Shape} BotDelta
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BotDelta.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a BotDelta message.
             * @function verify
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            BotDelta.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.replyId != null && $Object.hasOwnProperty.call(message, "replyId"))
                    if (!$util.isString(message.replyId))
                        return "replyId: string expected";
                if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                    if (!$util.isString(message.text))
                        return "text: string expected";
                if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                    if (typeof message.done !== "boolean")
                        return "done: boolean expected";
                return null;
            };

            /**
             * Creates a BotDelta message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.BotDelta} BotDelta
             */
            BotDelta.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.BotDelta)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.BotDelta: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.BotDelta();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.replyId != null)
                    if (typeof object.replyId !== "string" || object.replyId.length)
                        message.replyId = $String(object.replyId);
                if (object.text != null)
                    if (typeof object.text !== "string" || object.text.length)
                        message.text = $String(object.text);
                if (object.done != null)
                    if (object.done)
                        message.done = $Boolean(object.done);
                return message;
            };

            /**
             * Creates a plain object from a BotDelta message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {kefu.v1.BotDelta} message BotDelta
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            BotDelta.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.replyId = "";
                    object.text = "";
                    object.done = false;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.replyId != null && $Object.hasOwnProperty.call(message, "replyId"))
                    object.replyId = message.replyId;
                if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                    object.text = message.text;
                if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                    object.done = message.done;
                return object;
            };

            /**
             * Converts this BotDelta to JSON.
             * @function toJSON
             * @memberof kefu.v1.BotDelta
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            BotDelta.prototype.toJSON = function() {
                return BotDelta.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for BotDelta
             * @function getTypeUrl
             * @memberof kefu.v1.BotDelta
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BotDelta.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.BotDelta";
            };

            return BotDelta;
        })();

        v1.Handoff = (function() {

            /**
             * Properties of a Handoff.
             * @typedef {Object} kefu.v1.Handoff.$Properties
             * @property {string|null} [sessionId] Handoff sessionId
             * @property {string|null} [group] Handoff group
             * @property {string|null} [reason] Handoff reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Handoff.
             * @memberof kefu.v1
             * @interface IHandoff
             * @augments kefu.v1.Handoff.$Properties
             * @deprecated Use kefu.v1.Handoff.$Properties instead.
             */

            /**
             * Shape of a Handoff.
             * @typedef {kefu.v1.Handoff.$Properties} kefu.v1.Handoff.$Shape
             */

            /**
             * Constructs a new Handoff.
             * @memberof kefu.v1
             * @classdesc Represents a Handoff.
             * @constructor
             * @param {kefu.v1.Handoff.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Handoff = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Handoff sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Handoff
             * @instance
             */
            Handoff.prototype.sessionId = "";

            /**
             * Handoff group.
             * @member {string} group
             * @memberof kefu.v1.Handoff
             * @instance
             */
            Handoff.prototype.group = "";

            /**
             * Handoff reason.
             * @member {string} reason
             * @memberof kefu.v1.Handoff
             * @instance
             */
            Handoff.prototype.reason = "";

            /**
             * Creates a new Handoff instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Handoff
             * @static
             * @param {kefu.v1.Handoff.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Handoff} Handoff instance
             * @type {{
             *   (properties: kefu.v1.Handoff.$Shape): kefu.v1.Handoff & kefu.v1.Handoff.$Shape;
             *   (properties?: kefu.v1.Handoff.$Properties): kefu.v1.Handoff;
             * }}
             */
            Handoff.create = function(properties) {
                return new Handoff(properties);
            };

            /**
             * Encodes the specified Handoff message. Does not implicitly {@link kefu.v1.Handoff.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Handoff
             * @static
             * @param {kefu.v1.Handoff.$Properties} message Handoff message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Handoff.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.group != null && $Object.hasOwnProperty.call(message, "group") && message.group !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.group);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Handoff message, length delimited. Does not implicitly {@link kefu.v1.Handoff.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Handoff
             * @static
             * @param {kefu.v1.Handoff.$Properties} message Handoff message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Handoff.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Handoff message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Handoff
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Handoff & kefu.v1.Handoff.$Shape} Handoff
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Handoff.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Handoff();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.group = value;
                            else
                                delete message.group;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Handoff message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Handoff
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Handoff & kefu.v1.Handoff.$Shape} Handoff
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Handoff.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Handoff message.
             * @function verify
             * @memberof kefu.v1.Handoff
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Handoff.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                    if (!$util.isString(message.group))
                        return "group: string expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            /**
             * Creates a Handoff message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Handoff
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Handoff} Handoff
             */
            Handoff.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Handoff)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Handoff: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Handoff();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.group != null)
                    if (typeof object.group !== "string" || object.group.length)
                        message.group = $String(object.group);
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            /**
             * Creates a plain object from a Handoff message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Handoff
             * @static
             * @param {kefu.v1.Handoff} message Handoff
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Handoff.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.group = "";
                    object.reason = "";
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                    object.group = message.group;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            /**
             * Converts this Handoff to JSON.
             * @function toJSON
             * @memberof kefu.v1.Handoff
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Handoff.prototype.toJSON = function() {
                return Handoff.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Handoff
             * @function getTypeUrl
             * @memberof kefu.v1.Handoff
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Handoff.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Handoff";
            };

            return Handoff;
        })();

        v1.Assignment = (function() {

            /**
             * Properties of an Assignment.
             * @typedef {Object} kefu.v1.Assignment.$Properties
             * @property {string|null} [sessionId] Assignment sessionId
             * @property {string|null} [agentId] Assignment agentId
             * @property {string|null} [group] Assignment group
             * @property {number|null} [waitedMs] Assignment waitedMs
             * @property {string|null} [agentName] Assignment agentName
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Assignment.
             * @memberof kefu.v1
             * @interface IAssignment
             * @augments kefu.v1.Assignment.$Properties
             * @deprecated Use kefu.v1.Assignment.$Properties instead.
             */

            /**
             * Shape of an Assignment.
             * @typedef {kefu.v1.Assignment.$Properties} kefu.v1.Assignment.$Shape
             */

            /**
             * Constructs a new Assignment.
             * @memberof kefu.v1
             * @classdesc Represents an Assignment.
             * @constructor
             * @param {kefu.v1.Assignment.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Assignment = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Assignment sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Assignment
             * @instance
             */
            Assignment.prototype.sessionId = "";

            /**
             * Assignment agentId.
             * @member {string} agentId
             * @memberof kefu.v1.Assignment
             * @instance
             */
            Assignment.prototype.agentId = "";

            /**
             * Assignment group.
             * @member {string} group
             * @memberof kefu.v1.Assignment
             * @instance
             */
            Assignment.prototype.group = "";

            /**
             * Assignment waitedMs.
             * @member {number} waitedMs
             * @memberof kefu.v1.Assignment
             * @instance
             */
            Assignment.prototype.waitedMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Assignment agentName.
             * @member {string} agentName
             * @memberof kefu.v1.Assignment
             * @instance
             */
            Assignment.prototype.agentName = "";

            /**
             * Creates a new Assignment instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Assignment
             * @static
             * @param {kefu.v1.Assignment.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Assignment} Assignment instance
             * @type {{
             *   (properties: kefu.v1.Assignment.$Shape): kefu.v1.Assignment & kefu.v1.Assignment.$Shape;
             *   (properties?: kefu.v1.Assignment.$Properties): kefu.v1.Assignment;
             * }}
             */
            Assignment.create = function(properties) {
                return new Assignment(properties);
            };

            /**
             * Encodes the specified Assignment message. Does not implicitly {@link kefu.v1.Assignment.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Assignment
             * @static
             * @param {kefu.v1.Assignment.$Properties} message Assignment message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Assignment.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId") && message.agentId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.agentId);
                if (message.group != null && $Object.hasOwnProperty.call(message, "group") && message.group !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.group);
                if (message.waitedMs != null && $Object.hasOwnProperty.call(message, "waitedMs") && (typeof message.waitedMs === "object" ? message.waitedMs.low || message.waitedMs.high : message.waitedMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.waitedMs);
                if (message.agentName != null && $Object.hasOwnProperty.call(message, "agentName") && message.agentName !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.agentName);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Assignment message, length delimited. Does not implicitly {@link kefu.v1.Assignment.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Assignment
             * @static
             * @param {kefu.v1.Assignment.$Properties} message Assignment message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Assignment.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Assignment message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Assignment
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Assignment & kefu.v1.Assignment.$Shape} Assignment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Assignment.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Assignment();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentId = value;
                            else
                                delete message.agentId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.group = value;
                            else
                                delete message.group;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.waitedMs = value;
                            else
                                delete message.waitedMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentName = value;
                            else
                                delete message.agentName;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Assignment message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Assignment
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Assignment & kefu.v1.Assignment.$Shape} Assignment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Assignment.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Assignment message.
             * @function verify
             * @memberof kefu.v1.Assignment
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Assignment.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    if (!$util.isString(message.agentId))
                        return "agentId: string expected";
                if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                    if (!$util.isString(message.group))
                        return "group: string expected";
                if (message.waitedMs != null && $Object.hasOwnProperty.call(message, "waitedMs"))
                    if (!$util.isInteger(message.waitedMs) && !(message.waitedMs && $util.isInteger(message.waitedMs.low) && $util.isInteger(message.waitedMs.high)))
                        return "waitedMs: integer|Long expected";
                if (message.agentName != null && $Object.hasOwnProperty.call(message, "agentName"))
                    if (!$util.isString(message.agentName))
                        return "agentName: string expected";
                return null;
            };

            /**
             * Creates an Assignment message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Assignment
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Assignment} Assignment
             */
            Assignment.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Assignment)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Assignment: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Assignment();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.agentId != null)
                    if (typeof object.agentId !== "string" || object.agentId.length)
                        message.agentId = $String(object.agentId);
                if (object.group != null)
                    if (typeof object.group !== "string" || object.group.length)
                        message.group = $String(object.group);
                if (object.waitedMs != null)
                    if (typeof object.waitedMs === "object" ? object.waitedMs.low || object.waitedMs.high : $Number(object.waitedMs) !== 0)
                        if ($util.Long)
                            message.waitedMs = $util.Long.fromValue(object.waitedMs, true);
                        else if (typeof object.waitedMs === "string")
                            message.waitedMs = $parseInt(object.waitedMs, 10);
                        else if (typeof object.waitedMs === "number")
                            message.waitedMs = object.waitedMs;
                        else if (typeof object.waitedMs === "object")
                            message.waitedMs = new $util.LongBits(object.waitedMs.low >>> 0, object.waitedMs.high >>> 0).toNumber(true);
                if (object.agentName != null)
                    if (typeof object.agentName !== "string" || object.agentName.length)
                        message.agentName = $String(object.agentName);
                return message;
            };

            /**
             * Creates a plain object from an Assignment message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Assignment
             * @static
             * @param {kefu.v1.Assignment} message Assignment
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Assignment.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.agentId = "";
                    object.group = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.waitedMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.waitedMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.agentName = "";
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    object.agentId = message.agentId;
                if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                    object.group = message.group;
                if (message.waitedMs != null && $Object.hasOwnProperty.call(message, "waitedMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.waitedMs = typeof message.waitedMs === "number" ? $BigInt(message.waitedMs) : $util.Long.fromBits(message.waitedMs.low >>> 0, message.waitedMs.high >>> 0, true).toBigInt();
                    else if (typeof message.waitedMs === "number")
                        object.waitedMs = options.longs === $String ? $String(message.waitedMs) : message.waitedMs;
                    else
                        object.waitedMs = options.longs === $String ? $util.Long.prototype.toString.call(message.waitedMs) : options.longs === $Number ? new $util.LongBits(message.waitedMs.low >>> 0, message.waitedMs.high >>> 0).toNumber(true) : message.waitedMs;
                if (message.agentName != null && $Object.hasOwnProperty.call(message, "agentName"))
                    object.agentName = message.agentName;
                return object;
            };

            /**
             * Converts this Assignment to JSON.
             * @function toJSON
             * @memberof kefu.v1.Assignment
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Assignment.prototype.toJSON = function() {
                return Assignment.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Assignment
             * @function getTypeUrl
             * @memberof kefu.v1.Assignment
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Assignment.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Assignment";
            };

            return Assignment;
        })();

        v1.QueuePosition = (function() {

            /**
             * Properties of a QueuePosition.
             * @typedef {Object} kefu.v1.QueuePosition.$Properties
             * @property {string|null} [sessionId] QueuePosition sessionId
             * @property {string|null} [group] QueuePosition group
             * @property {number|null} [position] QueuePosition position
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a QueuePosition.
             * @memberof kefu.v1
             * @interface IQueuePosition
             * @augments kefu.v1.QueuePosition.$Properties
             * @deprecated Use kefu.v1.QueuePosition.$Properties instead.
             */

            /**
             * Shape of a QueuePosition.
             * @typedef {kefu.v1.QueuePosition.$Properties} kefu.v1.QueuePosition.$Shape
             */

            /**
             * Constructs a new QueuePosition.
             * @memberof kefu.v1
             * @classdesc Represents a QueuePosition.
             * @constructor
             * @param {kefu.v1.QueuePosition.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const QueuePosition = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * QueuePosition sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.QueuePosition
             * @instance
             */
            QueuePosition.prototype.sessionId = "";

            /**
             * QueuePosition group.
             * @member {string} group
             * @memberof kefu.v1.QueuePosition
             * @instance
             */
            QueuePosition.prototype.group = "";

            /**
             * QueuePosition position.
             * @member {number} position
             * @memberof kefu.v1.QueuePosition
             * @instance
             */
            QueuePosition.prototype.position = 0;

            /**
             * Creates a new QueuePosition instance using the specified properties.
             * @function create
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {kefu.v1.QueuePosition.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.QueuePosition} QueuePosition instance
             * @type {{
             *   (properties: kefu.v1.QueuePosition.$Shape): kefu.v1.QueuePosition & kefu.v1.QueuePosition.$Shape;
             *   (properties?: kefu.v1.QueuePosition.$Properties): kefu.v1.QueuePosition;
             * }}
             */
            QueuePosition.create = function(properties) {
                return new QueuePosition(properties);
            };

            /**
             * Encodes the specified QueuePosition message. Does not implicitly {@link kefu.v1.QueuePosition.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {kefu.v1.QueuePosition.$Properties} message QueuePosition message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            QueuePosition.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.group != null && $Object.hasOwnProperty.call(message, "group") && message.group !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.group);
                if (message.position != null && $Object.hasOwnProperty.call(message, "position") && message.position !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.position);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified QueuePosition message, length delimited. Does not implicitly {@link kefu.v1.QueuePosition.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {kefu.v1.QueuePosition.$Properties} message QueuePosition message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            QueuePosition.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a QueuePosition message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.QueuePosition & kefu.v1.QueuePosition.$Shape} QueuePosition
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            QueuePosition.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.QueuePosition();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.group = value;
                            else
                                delete message.group;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.position = value;
                            else
                                delete message.position;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a QueuePosition message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.QueuePosition & kefu.v1.QueuePosition.$Shape} QueuePosition
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            QueuePosition.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a QueuePosition message.
             * @function verify
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            QueuePosition.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                    if (!$util.isString(message.group))
                        return "group: string expected";
                if (message.position != null && $Object.hasOwnProperty.call(message, "position"))
                    if (!$util.isInteger(message.position))
                        return "position: integer expected";
                return null;
            };

            /**
             * Creates a QueuePosition message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.QueuePosition} QueuePosition
             */
            QueuePosition.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.QueuePosition)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.QueuePosition: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.QueuePosition();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.group != null)
                    if (typeof object.group !== "string" || object.group.length)
                        message.group = $String(object.group);
                if (object.position != null)
                    if ($Number(object.position) !== 0)
                        message.position = object.position >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a QueuePosition message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {kefu.v1.QueuePosition} message QueuePosition
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            QueuePosition.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.group = "";
                    object.position = 0;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.group != null && $Object.hasOwnProperty.call(message, "group"))
                    object.group = message.group;
                if (message.position != null && $Object.hasOwnProperty.call(message, "position"))
                    object.position = message.position;
                return object;
            };

            /**
             * Converts this QueuePosition to JSON.
             * @function toJSON
             * @memberof kefu.v1.QueuePosition
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            QueuePosition.prototype.toJSON = function() {
                return QueuePosition.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for QueuePosition
             * @function getTypeUrl
             * @memberof kefu.v1.QueuePosition
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            QueuePosition.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.QueuePosition";
            };

            return QueuePosition;
        })();

        v1.AgentState = (function() {

            /**
             * Properties of an AgentState.
             * @typedef {Object} kefu.v1.AgentState.$Properties
             * @property {string|null} [agentId] AgentState agentId
             * @property {kefu.v1.SeatState|null} [state] AgentState state
             * @property {number|null} [version] AgentState version
             * @property {number|null} [capacity] AgentState capacity
             * @property {number|null} [load] AgentState load
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AgentState.
             * @memberof kefu.v1
             * @interface IAgentState
             * @augments kefu.v1.AgentState.$Properties
             * @deprecated Use kefu.v1.AgentState.$Properties instead.
             */

            /**
             * Shape of an AgentState.
             * @typedef {kefu.v1.AgentState.$Properties} kefu.v1.AgentState.$Shape
             */

            /**
             * Constructs a new AgentState.
             * @memberof kefu.v1
             * @classdesc Represents an AgentState.
             * @constructor
             * @param {kefu.v1.AgentState.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AgentState = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AgentState agentId.
             * @member {string} agentId
             * @memberof kefu.v1.AgentState
             * @instance
             */
            AgentState.prototype.agentId = "";

            /**
             * AgentState state.
             * @member {kefu.v1.SeatState} state
             * @memberof kefu.v1.AgentState
             * @instance
             */
            AgentState.prototype.state = 0;

            /**
             * AgentState version.
             * @member {number} version
             * @memberof kefu.v1.AgentState
             * @instance
             */
            AgentState.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AgentState capacity.
             * @member {number} capacity
             * @memberof kefu.v1.AgentState
             * @instance
             */
            AgentState.prototype.capacity = 0;

            /**
             * AgentState load.
             * @member {number} load
             * @memberof kefu.v1.AgentState
             * @instance
             */
            AgentState.prototype.load = 0;

            /**
             * Creates a new AgentState instance using the specified properties.
             * @function create
             * @memberof kefu.v1.AgentState
             * @static
             * @param {kefu.v1.AgentState.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.AgentState} AgentState instance
             * @type {{
             *   (properties: kefu.v1.AgentState.$Shape): kefu.v1.AgentState & kefu.v1.AgentState.$Shape;
             *   (properties?: kefu.v1.AgentState.$Properties): kefu.v1.AgentState;
             * }}
             */
            AgentState.create = function(properties) {
                return new AgentState(properties);
            };

            /**
             * Encodes the specified AgentState message. Does not implicitly {@link kefu.v1.AgentState.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.AgentState
             * @static
             * @param {kefu.v1.AgentState.$Properties} message AgentState message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentState.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId") && message.agentId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.agentId);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.state);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.version);
                if (message.capacity != null && $Object.hasOwnProperty.call(message, "capacity") && message.capacity !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.capacity);
                if (message.load != null && $Object.hasOwnProperty.call(message, "load") && message.load !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.load);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified AgentState message, length delimited. Does not implicitly {@link kefu.v1.AgentState.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.AgentState
             * @static
             * @param {kefu.v1.AgentState.$Properties} message AgentState message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentState.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AgentState message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.AgentState
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.AgentState & kefu.v1.AgentState.$Shape} AgentState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentState.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.AgentState();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentId = value;
                            else
                                delete message.agentId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.capacity = value;
                            else
                                delete message.capacity;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.load = value;
                            else
                                delete message.load;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an AgentState message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.AgentState
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.AgentState & kefu.v1.AgentState.$Shape} AgentState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentState.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AgentState message.
             * @function verify
             * @memberof kefu.v1.AgentState
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AgentState.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    if (!$util.isString(message.agentId))
                        return "agentId: string expected";
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    if (typeof message.state !== "number" || (message.state | 0) !== message.state)
                        return "state: enum value expected";
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isInteger(message.version) && !(message.version && $util.isInteger(message.version.low) && $util.isInteger(message.version.high)))
                        return "version: integer|Long expected";
                if (message.capacity != null && $Object.hasOwnProperty.call(message, "capacity"))
                    if (!$util.isInteger(message.capacity))
                        return "capacity: integer expected";
                if (message.load != null && $Object.hasOwnProperty.call(message, "load"))
                    if (!$util.isInteger(message.load))
                        return "load: integer expected";
                return null;
            };

            /**
             * Creates an AgentState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.AgentState
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.AgentState} AgentState
             */
            AgentState.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.AgentState)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.AgentState: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.AgentState();
                if (object.agentId != null)
                    if (typeof object.agentId !== "string" || object.agentId.length)
                        message.agentId = $String(object.agentId);
                if (object.state !== 0 && (typeof object.state !== "string" || $root.kefu.v1.SeatState[object.state] !== 0))
                    switch (object.state) {
                    case "SEAT_STATE_UNSPECIFIED":
                    case 0:
                        message.state = 0;
                        break;
                    case "SEAT_STATE_ONLINE":
                    case 1:
                        message.state = 1;
                        break;
                    case "SEAT_STATE_BUSY":
                    case 2:
                        message.state = 2;
                        break;
                    case "SEAT_STATE_AWAY":
                    case 3:
                        message.state = 3;
                        break;
                    case "SEAT_STATE_OFFLINE":
                    case 4:
                        message.state = 4;
                        break;
                    default:
                        if (typeof object.state === "number" && (object.state | 0) === object.state)
                            message.state = object.state;
                    }
                if (object.version != null)
                    if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                        if ($util.Long)
                            message.version = $util.Long.fromValue(object.version, true);
                        else if (typeof object.version === "string")
                            message.version = $parseInt(object.version, 10);
                        else if (typeof object.version === "number")
                            message.version = object.version;
                        else if (typeof object.version === "object")
                            message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                if (object.capacity != null)
                    if ($Number(object.capacity) !== 0)
                        message.capacity = object.capacity >>> 0;
                if (object.load != null)
                    if ($Number(object.load) !== 0)
                        message.load = object.load >>> 0;
                return message;
            };

            /**
             * Creates a plain object from an AgentState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.AgentState
             * @static
             * @param {kefu.v1.AgentState} message AgentState
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AgentState.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.agentId = "";
                    object.state = options.enums === $String ? "SEAT_STATE_UNSPECIFIED" : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.capacity = 0;
                    object.load = 0;
                }
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    object.agentId = message.agentId;
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    object.state = options.enums === $String ? $root.kefu.v1.SeatState[message.state] === $undefined ? message.state : $root.kefu.v1.SeatState[message.state] : message.state;
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                    else if (typeof message.version === "number")
                        object.version = options.longs === $String ? $String(message.version) : message.version;
                    else
                        object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                if (message.capacity != null && $Object.hasOwnProperty.call(message, "capacity"))
                    object.capacity = message.capacity;
                if (message.load != null && $Object.hasOwnProperty.call(message, "load"))
                    object.load = message.load;
                return object;
            };

            /**
             * Converts this AgentState to JSON.
             * @function toJSON
             * @memberof kefu.v1.AgentState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AgentState.prototype.toJSON = function() {
                return AgentState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AgentState
             * @function getTypeUrl
             * @memberof kefu.v1.AgentState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AgentState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.AgentState";
            };

            return AgentState;
        })();

        v1.Transfer = (function() {

            /**
             * Properties of a Transfer.
             * @typedef {Object} kefu.v1.Transfer.$Properties
             * @property {string|null} [sessionId] Transfer sessionId
             * @property {string|null} [toAgentId] Transfer toAgentId
             * @property {string|null} [toGroup] Transfer toGroup
             * @property {string|null} [reason] Transfer reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Transfer.
             * @memberof kefu.v1
             * @interface ITransfer
             * @augments kefu.v1.Transfer.$Properties
             * @deprecated Use kefu.v1.Transfer.$Properties instead.
             */

            /**
             * Shape of a Transfer.
             * @typedef {kefu.v1.Transfer.$Properties} kefu.v1.Transfer.$Shape
             */

            /**
             * Constructs a new Transfer.
             * @memberof kefu.v1
             * @classdesc Represents a Transfer.
             * @constructor
             * @param {kefu.v1.Transfer.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Transfer = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Transfer sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Transfer
             * @instance
             */
            Transfer.prototype.sessionId = "";

            /**
             * Transfer toAgentId.
             * @member {string} toAgentId
             * @memberof kefu.v1.Transfer
             * @instance
             */
            Transfer.prototype.toAgentId = "";

            /**
             * Transfer toGroup.
             * @member {string} toGroup
             * @memberof kefu.v1.Transfer
             * @instance
             */
            Transfer.prototype.toGroup = "";

            /**
             * Transfer reason.
             * @member {string} reason
             * @memberof kefu.v1.Transfer
             * @instance
             */
            Transfer.prototype.reason = "";

            /**
             * Creates a new Transfer instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Transfer
             * @static
             * @param {kefu.v1.Transfer.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Transfer} Transfer instance
             * @type {{
             *   (properties: kefu.v1.Transfer.$Shape): kefu.v1.Transfer & kefu.v1.Transfer.$Shape;
             *   (properties?: kefu.v1.Transfer.$Properties): kefu.v1.Transfer;
             * }}
             */
            Transfer.create = function(properties) {
                return new Transfer(properties);
            };

            /**
             * Encodes the specified Transfer message. Does not implicitly {@link kefu.v1.Transfer.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Transfer
             * @static
             * @param {kefu.v1.Transfer.$Properties} message Transfer message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Transfer.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.toAgentId != null && $Object.hasOwnProperty.call(message, "toAgentId") && message.toAgentId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.toAgentId);
                if (message.toGroup != null && $Object.hasOwnProperty.call(message, "toGroup") && message.toGroup !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.toGroup);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Transfer message, length delimited. Does not implicitly {@link kefu.v1.Transfer.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Transfer
             * @static
             * @param {kefu.v1.Transfer.$Properties} message Transfer message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Transfer.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Transfer message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Transfer
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Transfer & kefu.v1.Transfer.$Shape} Transfer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Transfer.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Transfer();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.toAgentId = value;
                            else
                                delete message.toAgentId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.toGroup = value;
                            else
                                delete message.toGroup;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Transfer message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Transfer
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Transfer & kefu.v1.Transfer.$Shape} Transfer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Transfer.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Transfer message.
             * @function verify
             * @memberof kefu.v1.Transfer
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Transfer.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.toAgentId != null && $Object.hasOwnProperty.call(message, "toAgentId"))
                    if (!$util.isString(message.toAgentId))
                        return "toAgentId: string expected";
                if (message.toGroup != null && $Object.hasOwnProperty.call(message, "toGroup"))
                    if (!$util.isString(message.toGroup))
                        return "toGroup: string expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            /**
             * Creates a Transfer message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Transfer
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Transfer} Transfer
             */
            Transfer.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Transfer)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Transfer: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Transfer();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.toAgentId != null)
                    if (typeof object.toAgentId !== "string" || object.toAgentId.length)
                        message.toAgentId = $String(object.toAgentId);
                if (object.toGroup != null)
                    if (typeof object.toGroup !== "string" || object.toGroup.length)
                        message.toGroup = $String(object.toGroup);
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            /**
             * Creates a plain object from a Transfer message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Transfer
             * @static
             * @param {kefu.v1.Transfer} message Transfer
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Transfer.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.toAgentId = "";
                    object.toGroup = "";
                    object.reason = "";
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.toAgentId != null && $Object.hasOwnProperty.call(message, "toAgentId"))
                    object.toAgentId = message.toAgentId;
                if (message.toGroup != null && $Object.hasOwnProperty.call(message, "toGroup"))
                    object.toGroup = message.toGroup;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            /**
             * Converts this Transfer to JSON.
             * @function toJSON
             * @memberof kefu.v1.Transfer
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Transfer.prototype.toJSON = function() {
                return Transfer.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Transfer
             * @function getTypeUrl
             * @memberof kefu.v1.Transfer
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Transfer.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Transfer";
            };

            return Transfer;
        })();

        v1.ReturnToBot = (function() {

            /**
             * Properties of a ReturnToBot.
             * @typedef {Object} kefu.v1.ReturnToBot.$Properties
             * @property {string|null} [sessionId] ReturnToBot sessionId
             * @property {string|null} [reason] ReturnToBot reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ReturnToBot.
             * @memberof kefu.v1
             * @interface IReturnToBot
             * @augments kefu.v1.ReturnToBot.$Properties
             * @deprecated Use kefu.v1.ReturnToBot.$Properties instead.
             */

            /**
             * Shape of a ReturnToBot.
             * @typedef {kefu.v1.ReturnToBot.$Properties} kefu.v1.ReturnToBot.$Shape
             */

            /**
             * Constructs a new ReturnToBot.
             * @memberof kefu.v1
             * @classdesc Represents a ReturnToBot.
             * @constructor
             * @param {kefu.v1.ReturnToBot.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ReturnToBot = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ReturnToBot sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.ReturnToBot
             * @instance
             */
            ReturnToBot.prototype.sessionId = "";

            /**
             * ReturnToBot reason.
             * @member {string} reason
             * @memberof kefu.v1.ReturnToBot
             * @instance
             */
            ReturnToBot.prototype.reason = "";

            /**
             * Creates a new ReturnToBot instance using the specified properties.
             * @function create
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {kefu.v1.ReturnToBot.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.ReturnToBot} ReturnToBot instance
             * @type {{
             *   (properties: kefu.v1.ReturnToBot.$Shape): kefu.v1.ReturnToBot & kefu.v1.ReturnToBot.$Shape;
             *   (properties?: kefu.v1.ReturnToBot.$Properties): kefu.v1.ReturnToBot;
             * }}
             */
            ReturnToBot.create = function(properties) {
                return new ReturnToBot(properties);
            };

            /**
             * Encodes the specified ReturnToBot message. Does not implicitly {@link kefu.v1.ReturnToBot.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {kefu.v1.ReturnToBot.$Properties} message ReturnToBot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReturnToBot.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ReturnToBot message, length delimited. Does not implicitly {@link kefu.v1.ReturnToBot.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {kefu.v1.ReturnToBot.$Properties} message ReturnToBot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReturnToBot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ReturnToBot message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.ReturnToBot & kefu.v1.ReturnToBot.$Shape} ReturnToBot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReturnToBot.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.ReturnToBot();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a ReturnToBot message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.ReturnToBot & kefu.v1.ReturnToBot.$Shape} ReturnToBot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReturnToBot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ReturnToBot message.
             * @function verify
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ReturnToBot.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            /**
             * Creates a ReturnToBot message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.ReturnToBot} ReturnToBot
             */
            ReturnToBot.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.ReturnToBot)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.ReturnToBot: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.ReturnToBot();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            /**
             * Creates a plain object from a ReturnToBot message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {kefu.v1.ReturnToBot} message ReturnToBot
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ReturnToBot.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.reason = "";
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            /**
             * Converts this ReturnToBot to JSON.
             * @function toJSON
             * @memberof kefu.v1.ReturnToBot
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ReturnToBot.prototype.toJSON = function() {
                return ReturnToBot.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ReturnToBot
             * @function getTypeUrl
             * @memberof kefu.v1.ReturnToBot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ReturnToBot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.ReturnToBot";
            };

            return ReturnToBot;
        })();

        v1.Close = (function() {

            /**
             * Properties of a Close.
             * @typedef {Object} kefu.v1.Close.$Properties
             * @property {string|null} [sessionId] Close sessionId
             * @property {string|null} [reason] Close reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Close.
             * @memberof kefu.v1
             * @interface IClose
             * @augments kefu.v1.Close.$Properties
             * @deprecated Use kefu.v1.Close.$Properties instead.
             */

            /**
             * Shape of a Close.
             * @typedef {kefu.v1.Close.$Properties} kefu.v1.Close.$Shape
             */

            /**
             * Constructs a new Close.
             * @memberof kefu.v1
             * @classdesc Represents a Close.
             * @constructor
             * @param {kefu.v1.Close.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Close = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Close sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Close
             * @instance
             */
            Close.prototype.sessionId = "";

            /**
             * Close reason.
             * @member {string} reason
             * @memberof kefu.v1.Close
             * @instance
             */
            Close.prototype.reason = "";

            /**
             * Creates a new Close instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Close
             * @static
             * @param {kefu.v1.Close.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Close} Close instance
             * @type {{
             *   (properties: kefu.v1.Close.$Shape): kefu.v1.Close & kefu.v1.Close.$Shape;
             *   (properties?: kefu.v1.Close.$Properties): kefu.v1.Close;
             * }}
             */
            Close.create = function(properties) {
                return new Close(properties);
            };

            /**
             * Encodes the specified Close message. Does not implicitly {@link kefu.v1.Close.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Close
             * @static
             * @param {kefu.v1.Close.$Properties} message Close message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Close.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Close message, length delimited. Does not implicitly {@link kefu.v1.Close.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Close
             * @static
             * @param {kefu.v1.Close.$Properties} message Close message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Close.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Close message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Close
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Close & kefu.v1.Close.$Shape} Close
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Close.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Close();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Close message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Close
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Close & kefu.v1.Close.$Shape} Close
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Close.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Close message.
             * @function verify
             * @memberof kefu.v1.Close
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Close.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            /**
             * Creates a Close message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Close
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Close} Close
             */
            Close.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Close)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Close: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Close();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            /**
             * Creates a plain object from a Close message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Close
             * @static
             * @param {kefu.v1.Close} message Close
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Close.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.reason = "";
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            /**
             * Converts this Close to JSON.
             * @function toJSON
             * @memberof kefu.v1.Close
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Close.prototype.toJSON = function() {
                return Close.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Close
             * @function getTypeUrl
             * @memberof kefu.v1.Close
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Close.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Close";
            };

            return Close;
        })();

        v1.Watch = (function() {

            /**
             * Properties of a Watch.
             * @typedef {Object} kefu.v1.Watch.$Properties
             * @property {string|null} [sessionId] Watch sessionId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Watch.
             * @memberof kefu.v1
             * @interface IWatch
             * @augments kefu.v1.Watch.$Properties
             * @deprecated Use kefu.v1.Watch.$Properties instead.
             */

            /**
             * Shape of a Watch.
             * @typedef {kefu.v1.Watch.$Properties} kefu.v1.Watch.$Shape
             */

            /**
             * Constructs a new Watch.
             * @memberof kefu.v1
             * @classdesc Represents a Watch.
             * @constructor
             * @param {kefu.v1.Watch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Watch = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Watch sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Watch
             * @instance
             */
            Watch.prototype.sessionId = "";

            /**
             * Creates a new Watch instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Watch
             * @static
             * @param {kefu.v1.Watch.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Watch} Watch instance
             * @type {{
             *   (properties: kefu.v1.Watch.$Shape): kefu.v1.Watch & kefu.v1.Watch.$Shape;
             *   (properties?: kefu.v1.Watch.$Properties): kefu.v1.Watch;
             * }}
             */
            Watch.create = function(properties) {
                return new Watch(properties);
            };

            /**
             * Encodes the specified Watch message. Does not implicitly {@link kefu.v1.Watch.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Watch
             * @static
             * @param {kefu.v1.Watch.$Properties} message Watch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Watch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Watch message, length delimited. Does not implicitly {@link kefu.v1.Watch.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Watch
             * @static
             * @param {kefu.v1.Watch.$Properties} message Watch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Watch.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Watch message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Watch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Watch & kefu.v1.Watch.$Shape} Watch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Watch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Watch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Watch message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Watch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Watch & kefu.v1.Watch.$Shape} Watch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Watch.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Watch message.
             * @function verify
             * @memberof kefu.v1.Watch
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Watch.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                return null;
            };

            /**
             * Creates a Watch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Watch
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Watch} Watch
             */
            Watch.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Watch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Watch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Watch();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                return message;
            };

            /**
             * Creates a plain object from a Watch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Watch
             * @static
             * @param {kefu.v1.Watch} message Watch
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Watch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.sessionId = "";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                return object;
            };

            /**
             * Converts this Watch to JSON.
             * @function toJSON
             * @memberof kefu.v1.Watch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Watch.prototype.toJSON = function() {
                return Watch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Watch
             * @function getTypeUrl
             * @memberof kefu.v1.Watch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Watch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Watch";
            };

            return Watch;
        })();

        v1.Alert = (function() {

            /**
             * Properties of an Alert.
             * @typedef {Object} kefu.v1.Alert.$Properties
             * @property {string|null} [sessionId] Alert sessionId
             * @property {string|null} [kind] Alert kind
             * @property {string|null} [message] Alert message
             * @property {string|null} [agentId] Alert agentId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Alert.
             * @memberof kefu.v1
             * @interface IAlert
             * @augments kefu.v1.Alert.$Properties
             * @deprecated Use kefu.v1.Alert.$Properties instead.
             */

            /**
             * Shape of an Alert.
             * @typedef {kefu.v1.Alert.$Properties} kefu.v1.Alert.$Shape
             */

            /**
             * Constructs a new Alert.
             * @memberof kefu.v1
             * @classdesc Represents an Alert.
             * @constructor
             * @param {kefu.v1.Alert.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Alert = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Alert sessionId.
             * @member {string} sessionId
             * @memberof kefu.v1.Alert
             * @instance
             */
            Alert.prototype.sessionId = "";

            /**
             * Alert kind.
             * @member {string} kind
             * @memberof kefu.v1.Alert
             * @instance
             */
            Alert.prototype.kind = "";

            /**
             * Alert message.
             * @member {string} message
             * @memberof kefu.v1.Alert
             * @instance
             */
            Alert.prototype.message = "";

            /**
             * Alert agentId.
             * @member {string} agentId
             * @memberof kefu.v1.Alert
             * @instance
             */
            Alert.prototype.agentId = "";

            /**
             * Creates a new Alert instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Alert
             * @static
             * @param {kefu.v1.Alert.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Alert} Alert instance
             * @type {{
             *   (properties: kefu.v1.Alert.$Shape): kefu.v1.Alert & kefu.v1.Alert.$Shape;
             *   (properties?: kefu.v1.Alert.$Properties): kefu.v1.Alert;
             * }}
             */
            Alert.create = function(properties) {
                return new Alert(properties);
            };

            /**
             * Encodes the specified Alert message. Does not implicitly {@link kefu.v1.Alert.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Alert
             * @static
             * @param {kefu.v1.Alert.$Properties} message Alert message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Alert.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.kind);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId") && message.agentId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.agentId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Alert message, length delimited. Does not implicitly {@link kefu.v1.Alert.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Alert
             * @static
             * @param {kefu.v1.Alert.$Properties} message Alert message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Alert.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Alert message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Alert
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Alert & kefu.v1.Alert.$Shape} Alert
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Alert.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Alert();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentId = value;
                            else
                                delete message.agentId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Alert message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Alert
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Alert & kefu.v1.Alert.$Shape} Alert
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Alert.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Alert message.
             * @function verify
             * @memberof kefu.v1.Alert
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Alert.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (!$util.isString(message.kind))
                        return "kind: string expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    if (!$util.isString(message.agentId))
                        return "agentId: string expected";
                return null;
            };

            /**
             * Creates an Alert message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Alert
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Alert} Alert
             */
            Alert.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Alert)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Alert: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Alert();
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.kind != null)
                    if (typeof object.kind !== "string" || object.kind.length)
                        message.kind = $String(object.kind);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                if (object.agentId != null)
                    if (typeof object.agentId !== "string" || object.agentId.length)
                        message.agentId = $String(object.agentId);
                return message;
            };

            /**
             * Creates a plain object from an Alert message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Alert
             * @static
             * @param {kefu.v1.Alert} message Alert
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Alert.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.sessionId = "";
                    object.kind = "";
                    object.message = "";
                    object.agentId = "";
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = message.kind;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.agentId != null && $Object.hasOwnProperty.call(message, "agentId"))
                    object.agentId = message.agentId;
                return object;
            };

            /**
             * Converts this Alert to JSON.
             * @function toJSON
             * @memberof kefu.v1.Alert
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Alert.prototype.toJSON = function() {
                return Alert.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Alert
             * @function getTypeUrl
             * @memberof kefu.v1.Alert
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Alert.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Alert";
            };

            return Alert;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} kefu.v1.Error.$Properties
             * @property {string|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {string|null} [ref] Error ref
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof kefu.v1
             * @interface IError
             * @augments kefu.v1.Error.$Properties
             * @deprecated Use kefu.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {kefu.v1.Error.$Properties} kefu.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof kefu.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {kefu.v1.Error.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Error code.
             * @member {string} code
             * @memberof kefu.v1.Error
             * @instance
             */
            Error.prototype.code = "";

            /**
             * Error message.
             * @member {string} message
             * @memberof kefu.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error ref.
             * @member {string} ref
             * @memberof kefu.v1.Error
             * @instance
             */
            Error.prototype.ref = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Error
             * @static
             * @param {kefu.v1.Error.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Error} Error instance
             * @type {{
             *   (properties: kefu.v1.Error.$Shape): kefu.v1.Error & kefu.v1.Error.$Shape;
             *   (properties?: kefu.v1.Error.$Properties): kefu.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link kefu.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Error
             * @static
             * @param {kefu.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.ref != null && $Object.hasOwnProperty.call(message, "ref") && message.ref !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.ref);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Error message, length delimited. Does not implicitly {@link kefu.v1.Error.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Error
             * @static
             * @param {kefu.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Error & kefu.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Error();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.ref = value;
                            else
                                delete message.ref;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Error message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Error & kefu.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Error message.
             * @function verify
             * @memberof kefu.v1.Error
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Error.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    if (!$util.isString(message.code))
                        return "code: string expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                if (message.ref != null && $Object.hasOwnProperty.call(message, "ref"))
                    if (!$util.isString(message.ref))
                        return "ref: string expected";
                return null;
            };

            /**
             * Creates an Error message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Error
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Error} Error
             */
            Error.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Error)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Error: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Error();
                if (object.code != null)
                    if (typeof object.code !== "string" || object.code.length)
                        message.code = $String(object.code);
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                if (object.ref != null)
                    if (typeof object.ref !== "string" || object.ref.length)
                        message.ref = $String(object.ref);
                return message;
            };

            /**
             * Creates a plain object from an Error message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Error
             * @static
             * @param {kefu.v1.Error} message Error
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Error.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.code = "";
                    object.message = "";
                    object.ref = "";
                }
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                if (message.ref != null && $Object.hasOwnProperty.call(message, "ref"))
                    object.ref = message.ref;
                return object;
            };

            /**
             * Converts this Error to JSON.
             * @function toJSON
             * @memberof kefu.v1.Error
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Error.prototype.toJSON = function() {
                return Error.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof kefu.v1.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Error";
            };

            return Error;
        })();

        v1.Ping = (function() {

            /**
             * Properties of a Ping.
             * @typedef {Object} kefu.v1.Ping.$Properties
             * @property {number|null} [atUnixMs] Ping atUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Ping.
             * @memberof kefu.v1
             * @interface IPing
             * @augments kefu.v1.Ping.$Properties
             * @deprecated Use kefu.v1.Ping.$Properties instead.
             */

            /**
             * Shape of a Ping.
             * @typedef {kefu.v1.Ping.$Properties} kefu.v1.Ping.$Shape
             */

            /**
             * Constructs a new Ping.
             * @memberof kefu.v1
             * @classdesc Represents a Ping.
             * @constructor
             * @param {kefu.v1.Ping.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ping = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ping atUnixMs.
             * @member {number} atUnixMs
             * @memberof kefu.v1.Ping
             * @instance
             */
            Ping.prototype.atUnixMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Ping instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Ping
             * @static
             * @param {kefu.v1.Ping.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Ping} Ping instance
             * @type {{
             *   (properties: kefu.v1.Ping.$Shape): kefu.v1.Ping & kefu.v1.Ping.$Shape;
             *   (properties?: kefu.v1.Ping.$Properties): kefu.v1.Ping;
             * }}
             */
            Ping.create = function(properties) {
                return new Ping(properties);
            };

            /**
             * Encodes the specified Ping message. Does not implicitly {@link kefu.v1.Ping.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Ping
             * @static
             * @param {kefu.v1.Ping.$Properties} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs") && (typeof message.atUnixMs === "object" ? message.atUnixMs.low || message.atUnixMs.high : message.atUnixMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.atUnixMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Ping message, length delimited. Does not implicitly {@link kefu.v1.Ping.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Ping
             * @static
             * @param {kefu.v1.Ping.$Properties} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Ping & kefu.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Ping();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.atUnixMs = value;
                            else
                                delete message.atUnixMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Ping & kefu.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Ping message.
             * @function verify
             * @memberof kefu.v1.Ping
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Ping.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs"))
                    if (!$util.isInteger(message.atUnixMs) && !(message.atUnixMs && $util.isInteger(message.atUnixMs.low) && $util.isInteger(message.atUnixMs.high)))
                        return "atUnixMs: integer|Long expected";
                return null;
            };

            /**
             * Creates a Ping message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Ping
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Ping} Ping
             */
            Ping.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Ping)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Ping: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Ping();
                if (object.atUnixMs != null)
                    if (typeof object.atUnixMs === "object" ? object.atUnixMs.low || object.atUnixMs.high : $Number(object.atUnixMs) !== 0)
                        if ($util.Long)
                            message.atUnixMs = $util.Long.fromValue(object.atUnixMs, false);
                        else if (typeof object.atUnixMs === "string")
                            message.atUnixMs = $parseInt(object.atUnixMs, 10);
                        else if (typeof object.atUnixMs === "number")
                            message.atUnixMs = object.atUnixMs;
                        else if (typeof object.atUnixMs === "object")
                            message.atUnixMs = new $util.LongBits(object.atUnixMs.low >>> 0, object.atUnixMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a Ping message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Ping
             * @static
             * @param {kefu.v1.Ping} message Ping
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Ping.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.atUnixMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.atUnixMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.atUnixMs = typeof message.atUnixMs === "number" ? $BigInt(message.atUnixMs) : $util.Long.fromBits(message.atUnixMs.low >>> 0, message.atUnixMs.high >>> 0, false).toBigInt();
                    else if (typeof message.atUnixMs === "number")
                        object.atUnixMs = options.longs === $String ? $String(message.atUnixMs) : message.atUnixMs;
                    else
                        object.atUnixMs = options.longs === $String ? $util.Long.prototype.toString.call(message.atUnixMs) : options.longs === $Number ? new $util.LongBits(message.atUnixMs.low >>> 0, message.atUnixMs.high >>> 0).toNumber() : message.atUnixMs;
                return object;
            };

            /**
             * Converts this Ping to JSON.
             * @function toJSON
             * @memberof kefu.v1.Ping
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Ping.prototype.toJSON = function() {
                return Ping.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Ping
             * @function getTypeUrl
             * @memberof kefu.v1.Ping
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ping.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Ping";
            };

            return Ping;
        })();

        v1.Pong = (function() {

            /**
             * Properties of a Pong.
             * @typedef {Object} kefu.v1.Pong.$Properties
             * @property {number|null} [atUnixMs] Pong atUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Pong.
             * @memberof kefu.v1
             * @interface IPong
             * @augments kefu.v1.Pong.$Properties
             * @deprecated Use kefu.v1.Pong.$Properties instead.
             */

            /**
             * Shape of a Pong.
             * @typedef {kefu.v1.Pong.$Properties} kefu.v1.Pong.$Shape
             */

            /**
             * Constructs a new Pong.
             * @memberof kefu.v1
             * @classdesc Represents a Pong.
             * @constructor
             * @param {kefu.v1.Pong.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Pong = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Pong atUnixMs.
             * @member {number} atUnixMs
             * @memberof kefu.v1.Pong
             * @instance
             */
            Pong.prototype.atUnixMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Pong instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Pong
             * @static
             * @param {kefu.v1.Pong.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Pong} Pong instance
             * @type {{
             *   (properties: kefu.v1.Pong.$Shape): kefu.v1.Pong & kefu.v1.Pong.$Shape;
             *   (properties?: kefu.v1.Pong.$Properties): kefu.v1.Pong;
             * }}
             */
            Pong.create = function(properties) {
                return new Pong(properties);
            };

            /**
             * Encodes the specified Pong message. Does not implicitly {@link kefu.v1.Pong.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Pong
             * @static
             * @param {kefu.v1.Pong.$Properties} message Pong message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs") && (typeof message.atUnixMs === "object" ? message.atUnixMs.low || message.atUnixMs.high : message.atUnixMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.atUnixMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Pong message, length delimited. Does not implicitly {@link kefu.v1.Pong.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Pong
             * @static
             * @param {kefu.v1.Pong.$Properties} message Pong message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Pong & kefu.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Pong();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.atUnixMs = value;
                            else
                                delete message.atUnixMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Pong message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Pong & kefu.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Pong message.
             * @function verify
             * @memberof kefu.v1.Pong
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Pong.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs"))
                    if (!$util.isInteger(message.atUnixMs) && !(message.atUnixMs && $util.isInteger(message.atUnixMs.low) && $util.isInteger(message.atUnixMs.high)))
                        return "atUnixMs: integer|Long expected";
                return null;
            };

            /**
             * Creates a Pong message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Pong
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Pong} Pong
             */
            Pong.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Pong)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Pong: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Pong();
                if (object.atUnixMs != null)
                    if (typeof object.atUnixMs === "object" ? object.atUnixMs.low || object.atUnixMs.high : $Number(object.atUnixMs) !== 0)
                        if ($util.Long)
                            message.atUnixMs = $util.Long.fromValue(object.atUnixMs, false);
                        else if (typeof object.atUnixMs === "string")
                            message.atUnixMs = $parseInt(object.atUnixMs, 10);
                        else if (typeof object.atUnixMs === "number")
                            message.atUnixMs = object.atUnixMs;
                        else if (typeof object.atUnixMs === "object")
                            message.atUnixMs = new $util.LongBits(object.atUnixMs.low >>> 0, object.atUnixMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a Pong message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Pong
             * @static
             * @param {kefu.v1.Pong} message Pong
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Pong.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.atUnixMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.atUnixMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if (message.atUnixMs != null && $Object.hasOwnProperty.call(message, "atUnixMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.atUnixMs = typeof message.atUnixMs === "number" ? $BigInt(message.atUnixMs) : $util.Long.fromBits(message.atUnixMs.low >>> 0, message.atUnixMs.high >>> 0, false).toBigInt();
                    else if (typeof message.atUnixMs === "number")
                        object.atUnixMs = options.longs === $String ? $String(message.atUnixMs) : message.atUnixMs;
                    else
                        object.atUnixMs = options.longs === $String ? $util.Long.prototype.toString.call(message.atUnixMs) : options.longs === $Number ? new $util.LongBits(message.atUnixMs.low >>> 0, message.atUnixMs.high >>> 0).toNumber() : message.atUnixMs;
                return object;
            };

            /**
             * Converts this Pong to JSON.
             * @function toJSON
             * @memberof kefu.v1.Pong
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Pong.prototype.toJSON = function() {
                return Pong.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Pong
             * @function getTypeUrl
             * @memberof kefu.v1.Pong
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Pong.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Pong";
            };

            return Pong;
        })();

        v1.Frame = (function() {

            /**
             * Properties of a Frame.
             * @typedef {Object} kefu.v1.Frame.$Properties
             * @property {string|null} [id] Frame id
             * @property {kefu.v1.Hello.$Properties|null} [hello] Frame hello
             * @property {kefu.v1.Welcome.$Properties|null} [welcome] Frame welcome
             * @property {kefu.v1.Send.$Properties|null} [send] Frame send
             * @property {kefu.v1.Ack.$Properties|null} [ack] Frame ack
             * @property {kefu.v1.Deliver.$Properties|null} [deliver] Frame deliver
             * @property {kefu.v1.Resume.$Properties|null} [resume] Frame resume
             * @property {kefu.v1.Typing.$Properties|null} [typing] Frame typing
             * @property {kefu.v1.ReadReceipt.$Properties|null} [read] Frame read
             * @property {kefu.v1.Error.$Properties|null} [error] Frame error
             * @property {kefu.v1.Ping.$Properties|null} [ping] Frame ping
             * @property {kefu.v1.Pong.$Properties|null} [pong] Frame pong
             * @property {kefu.v1.Resumed.$Properties|null} [resumed] Frame resumed
             * @property {kefu.v1.Presence.$Properties|null} [presence] Frame presence
             * @property {kefu.v1.BotDelta.$Properties|null} [botDelta] Frame botDelta
             * @property {kefu.v1.Handoff.$Properties|null} [handoff] Frame handoff
             * @property {kefu.v1.Assignment.$Properties|null} [assignment] Frame assignment
             * @property {kefu.v1.QueuePosition.$Properties|null} [queuePosition] Frame queuePosition
             * @property {kefu.v1.AgentState.$Properties|null} [agentState] Frame agentState
             * @property {kefu.v1.Transfer.$Properties|null} [transfer] Frame transfer
             * @property {kefu.v1.ReturnToBot.$Properties|null} [returnToBot] Frame returnToBot
             * @property {kefu.v1.Close.$Properties|null} [close] Frame close
             * @property {kefu.v1.Watch.$Properties|null} [watch] Frame watch
             * @property {kefu.v1.Alert.$Properties|null} [alert] Frame alert
             * @property {"hello"|"welcome"|"send"|"ack"|"deliver"|"resume"|"typing"|"read"|"error"|"ping"|"pong"|"resumed"|"presence"|"botDelta"|"handoff"|"assignment"|"queuePosition"|"agentState"|"transfer"|"returnToBot"|"close"|"watch"|"alert"} [kind] Frame kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Frame.
             * @memberof kefu.v1
             * @interface IFrame
             * @augments kefu.v1.Frame.$Properties
             * @deprecated Use kefu.v1.Frame.$Properties instead.
             */

            /**
             * Narrowed shape of a Frame.
             * @typedef {{
             *   id?: string|null;
             *   hello?: kefu.v1.Hello.$Shape|null;
             *   welcome?: kefu.v1.Welcome.$Shape|null;
             *   send?: kefu.v1.Send.$Shape|null;
             *   ack?: kefu.v1.Ack.$Shape|null;
             *   deliver?: kefu.v1.Deliver.$Shape|null;
             *   resume?: kefu.v1.Resume.$Shape|null;
             *   typing?: kefu.v1.Typing.$Shape|null;
             *   read?: kefu.v1.ReadReceipt.$Shape|null;
             *   error?: kefu.v1.Error.$Shape|null;
             *   ping?: kefu.v1.Ping.$Shape|null;
             *   pong?: kefu.v1.Pong.$Shape|null;
             *   resumed?: kefu.v1.Resumed.$Shape|null;
             *   presence?: kefu.v1.Presence.$Shape|null;
             *   botDelta?: kefu.v1.BotDelta.$Shape|null;
             *   handoff?: kefu.v1.Handoff.$Shape|null;
             *   assignment?: kefu.v1.Assignment.$Shape|null;
             *   queuePosition?: kefu.v1.QueuePosition.$Shape|null;
             *   agentState?: kefu.v1.AgentState.$Shape|null;
             *   transfer?: kefu.v1.Transfer.$Shape|null;
             *   returnToBot?: kefu.v1.ReturnToBot.$Shape|null;
             *   close?: kefu.v1.Close.$Shape|null;
             *   watch?: kefu.v1.Watch.$Shape|null;
             *   alert?: kefu.v1.Alert.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "hello"; hello: kefu.v1.Hello.$Shape; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "welcome"; hello?: null; welcome: kefu.v1.Welcome.$Shape; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "send"; hello?: null; welcome?: null; send: kefu.v1.Send.$Shape; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "ack"; hello?: null; welcome?: null; send?: null; ack: kefu.v1.Ack.$Shape; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "deliver"; hello?: null; welcome?: null; send?: null; ack?: null; deliver: kefu.v1.Deliver.$Shape; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "resume"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume: kefu.v1.Resume.$Shape; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "typing"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing: kefu.v1.Typing.$Shape; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "read"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read: kefu.v1.ReadReceipt.$Shape; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "error"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error: kefu.v1.Error.$Shape; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "ping"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping: kefu.v1.Ping.$Shape; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "pong"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong: kefu.v1.Pong.$Shape; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "resumed"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed: kefu.v1.Resumed.$Shape; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "presence"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence: kefu.v1.Presence.$Shape; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "botDelta"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta: kefu.v1.BotDelta.$Shape; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "handoff"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff: kefu.v1.Handoff.$Shape; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "assignment"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment: kefu.v1.Assignment.$Shape; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "queuePosition"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition: kefu.v1.QueuePosition.$Shape; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "agentState"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState: kefu.v1.AgentState.$Shape; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "transfer"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer: kefu.v1.Transfer.$Shape; returnToBot?: null; close?: null; watch?: null; alert?: null }|{ kind?: "returnToBot"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot: kefu.v1.ReturnToBot.$Shape; close?: null; watch?: null; alert?: null }|{ kind?: "close"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close: kefu.v1.Close.$Shape; watch?: null; alert?: null }|{ kind?: "watch"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch: kefu.v1.Watch.$Shape; alert?: null }|{ kind?: "alert"; hello?: null; welcome?: null; send?: null; ack?: null; deliver?: null; resume?: null; typing?: null; read?: null; error?: null; ping?: null; pong?: null; resumed?: null; presence?: null; botDelta?: null; handoff?: null; assignment?: null; queuePosition?: null; agentState?: null; transfer?: null; returnToBot?: null; close?: null; watch?: null; alert: kefu.v1.Alert.$Shape })
             * )} kefu.v1.Frame.$Shape
             */

            /**
             * Constructs a new Frame.
             * @memberof kefu.v1
             * @classdesc Represents a Frame.
             * @constructor
             * @param {kefu.v1.Frame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Frame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Frame id.
             * @member {string} id
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.id = "";

            /**
             * Frame hello.
             * @member {kefu.v1.Hello.$Properties|null|undefined} hello
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.hello = null;

            /**
             * Frame welcome.
             * @member {kefu.v1.Welcome.$Properties|null|undefined} welcome
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.welcome = null;

            /**
             * Frame send.
             * @member {kefu.v1.Send.$Properties|null|undefined} send
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.send = null;

            /**
             * Frame ack.
             * @member {kefu.v1.Ack.$Properties|null|undefined} ack
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.ack = null;

            /**
             * Frame deliver.
             * @member {kefu.v1.Deliver.$Properties|null|undefined} deliver
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.deliver = null;

            /**
             * Frame resume.
             * @member {kefu.v1.Resume.$Properties|null|undefined} resume
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.resume = null;

            /**
             * Frame typing.
             * @member {kefu.v1.Typing.$Properties|null|undefined} typing
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.typing = null;

            /**
             * Frame read.
             * @member {kefu.v1.ReadReceipt.$Properties|null|undefined} read
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.read = null;

            /**
             * Frame error.
             * @member {kefu.v1.Error.$Properties|null|undefined} error
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.error = null;

            /**
             * Frame ping.
             * @member {kefu.v1.Ping.$Properties|null|undefined} ping
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.ping = null;

            /**
             * Frame pong.
             * @member {kefu.v1.Pong.$Properties|null|undefined} pong
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.pong = null;

            /**
             * Frame resumed.
             * @member {kefu.v1.Resumed.$Properties|null|undefined} resumed
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.resumed = null;

            /**
             * Frame presence.
             * @member {kefu.v1.Presence.$Properties|null|undefined} presence
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.presence = null;

            /**
             * Frame botDelta.
             * @member {kefu.v1.BotDelta.$Properties|null|undefined} botDelta
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.botDelta = null;

            /**
             * Frame handoff.
             * @member {kefu.v1.Handoff.$Properties|null|undefined} handoff
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.handoff = null;

            /**
             * Frame assignment.
             * @member {kefu.v1.Assignment.$Properties|null|undefined} assignment
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.assignment = null;

            /**
             * Frame queuePosition.
             * @member {kefu.v1.QueuePosition.$Properties|null|undefined} queuePosition
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.queuePosition = null;

            /**
             * Frame agentState.
             * @member {kefu.v1.AgentState.$Properties|null|undefined} agentState
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.agentState = null;

            /**
             * Frame transfer.
             * @member {kefu.v1.Transfer.$Properties|null|undefined} transfer
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.transfer = null;

            /**
             * Frame returnToBot.
             * @member {kefu.v1.ReturnToBot.$Properties|null|undefined} returnToBot
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.returnToBot = null;

            /**
             * Frame close.
             * @member {kefu.v1.Close.$Properties|null|undefined} close
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.close = null;

            /**
             * Frame watch.
             * @member {kefu.v1.Watch.$Properties|null|undefined} watch
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.watch = null;

            /**
             * Frame alert.
             * @member {kefu.v1.Alert.$Properties|null|undefined} alert
             * @memberof kefu.v1.Frame
             * @instance
             */
            Frame.prototype.alert = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Frame kind.
             * @member {"hello"|"welcome"|"send"|"ack"|"deliver"|"resume"|"typing"|"read"|"error"|"ping"|"pong"|"resumed"|"presence"|"botDelta"|"handoff"|"assignment"|"queuePosition"|"agentState"|"transfer"|"returnToBot"|"close"|"watch"|"alert"|undefined} kind
             * @memberof kefu.v1.Frame
             * @instance
             */
            $Object.defineProperty(Frame.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "welcome", "send", "ack", "deliver", "resume", "typing", "read", "error", "ping", "pong", "resumed", "presence", "botDelta", "handoff", "assignment", "queuePosition", "agentState", "transfer", "returnToBot", "close", "watch", "alert"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Frame instance using the specified properties.
             * @function create
             * @memberof kefu.v1.Frame
             * @static
             * @param {kefu.v1.Frame.$Properties=} [properties] Properties to set
             * @returns {kefu.v1.Frame} Frame instance
             * @type {{
             *   (properties: kefu.v1.Frame.$Shape): kefu.v1.Frame & kefu.v1.Frame.$Shape;
             *   (properties?: kefu.v1.Frame.$Properties): kefu.v1.Frame;
             * }}
             */
            Frame.create = function(properties) {
                return new Frame(properties);
            };

            /**
             * Encodes the specified Frame message. Does not implicitly {@link kefu.v1.Frame.verify|verify} messages.
             * @function encode
             * @memberof kefu.v1.Frame
             * @static
             * @param {kefu.v1.Frame.$Properties} message Frame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Frame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.kefu.v1.Hello.encode(message.hello, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome"))
                    $root.kefu.v1.Welcome.encode(message.welcome, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.send != null && $Object.hasOwnProperty.call(message, "send"))
                    $root.kefu.v1.Send.encode(message.send, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                    $root.kefu.v1.Ack.encode(message.ack, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.deliver != null && $Object.hasOwnProperty.call(message, "deliver"))
                    $root.kefu.v1.Deliver.encode(message.deliver, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.resume != null && $Object.hasOwnProperty.call(message, "resume"))
                    $root.kefu.v1.Resume.encode(message.resume, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
                if (message.typing != null && $Object.hasOwnProperty.call(message, "typing"))
                    $root.kefu.v1.Typing.encode(message.typing, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
                if (message.read != null && $Object.hasOwnProperty.call(message, "read"))
                    $root.kefu.v1.ReadReceipt.encode(message.read, writer.uint32(/* id 17, wireType 2 =*/138).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.kefu.v1.Error.encode(message.error, writer.uint32(/* id 18, wireType 2 =*/146).fork(), _depth + 1).ldelim();
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping"))
                    $root.kefu.v1.Ping.encode(message.ping, writer.uint32(/* id 19, wireType 2 =*/154).fork(), _depth + 1).ldelim();
                if (message.pong != null && $Object.hasOwnProperty.call(message, "pong"))
                    $root.kefu.v1.Pong.encode(message.pong, writer.uint32(/* id 20, wireType 2 =*/162).fork(), _depth + 1).ldelim();
                if (message.resumed != null && $Object.hasOwnProperty.call(message, "resumed"))
                    $root.kefu.v1.Resumed.encode(message.resumed, writer.uint32(/* id 21, wireType 2 =*/170).fork(), _depth + 1).ldelim();
                if (message.presence != null && $Object.hasOwnProperty.call(message, "presence"))
                    $root.kefu.v1.Presence.encode(message.presence, writer.uint32(/* id 22, wireType 2 =*/178).fork(), _depth + 1).ldelim();
                if (message.botDelta != null && $Object.hasOwnProperty.call(message, "botDelta"))
                    $root.kefu.v1.BotDelta.encode(message.botDelta, writer.uint32(/* id 23, wireType 2 =*/186).fork(), _depth + 1).ldelim();
                if (message.handoff != null && $Object.hasOwnProperty.call(message, "handoff"))
                    $root.kefu.v1.Handoff.encode(message.handoff, writer.uint32(/* id 24, wireType 2 =*/194).fork(), _depth + 1).ldelim();
                if (message.assignment != null && $Object.hasOwnProperty.call(message, "assignment"))
                    $root.kefu.v1.Assignment.encode(message.assignment, writer.uint32(/* id 25, wireType 2 =*/202).fork(), _depth + 1).ldelim();
                if (message.queuePosition != null && $Object.hasOwnProperty.call(message, "queuePosition"))
                    $root.kefu.v1.QueuePosition.encode(message.queuePosition, writer.uint32(/* id 26, wireType 2 =*/210).fork(), _depth + 1).ldelim();
                if (message.agentState != null && $Object.hasOwnProperty.call(message, "agentState"))
                    $root.kefu.v1.AgentState.encode(message.agentState, writer.uint32(/* id 27, wireType 2 =*/218).fork(), _depth + 1).ldelim();
                if (message.transfer != null && $Object.hasOwnProperty.call(message, "transfer"))
                    $root.kefu.v1.Transfer.encode(message.transfer, writer.uint32(/* id 28, wireType 2 =*/226).fork(), _depth + 1).ldelim();
                if (message.returnToBot != null && $Object.hasOwnProperty.call(message, "returnToBot"))
                    $root.kefu.v1.ReturnToBot.encode(message.returnToBot, writer.uint32(/* id 29, wireType 2 =*/234).fork(), _depth + 1).ldelim();
                if (message.close != null && $Object.hasOwnProperty.call(message, "close"))
                    $root.kefu.v1.Close.encode(message.close, writer.uint32(/* id 30, wireType 2 =*/242).fork(), _depth + 1).ldelim();
                if (message.watch != null && $Object.hasOwnProperty.call(message, "watch"))
                    $root.kefu.v1.Watch.encode(message.watch, writer.uint32(/* id 31, wireType 2 =*/250).fork(), _depth + 1).ldelim();
                if (message.alert != null && $Object.hasOwnProperty.call(message, "alert"))
                    $root.kefu.v1.Alert.encode(message.alert, writer.uint32(/* id 32, wireType 2 =*/258).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Frame message, length delimited. Does not implicitly {@link kefu.v1.Frame.verify|verify} messages.
             * @function encodeDelimited
             * @memberof kefu.v1.Frame
             * @static
             * @param {kefu.v1.Frame.$Properties} message Frame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Frame.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Frame message from the specified reader or buffer.
             * @function decode
             * @memberof kefu.v1.Frame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {kefu.v1.Frame & kefu.v1.Frame.$Shape} Frame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Frame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.kefu.v1.Frame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.kefu.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.kind = "hello";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.welcome = $root.kefu.v1.Welcome.decode(reader, reader.size(), $undefined, _depth + 1, message.welcome);
                            message.kind = "welcome";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.send = $root.kefu.v1.Send.decode(reader, reader.size(), $undefined, _depth + 1, message.send);
                            message.kind = "send";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.ack = $root.kefu.v1.Ack.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                            message.kind = "ack";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.deliver = $root.kefu.v1.Deliver.decode(reader, reader.size(), $undefined, _depth + 1, message.deliver);
                            message.kind = "deliver";
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            message.resume = $root.kefu.v1.Resume.decode(reader, reader.size(), $undefined, _depth + 1, message.resume);
                            message.kind = "resume";
                            continue;
                        }
                    case 16: {
                            if (wireType !== 2)
                                break;
                            message.typing = $root.kefu.v1.Typing.decode(reader, reader.size(), $undefined, _depth + 1, message.typing);
                            message.kind = "typing";
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            message.read = $root.kefu.v1.ReadReceipt.decode(reader, reader.size(), $undefined, _depth + 1, message.read);
                            message.kind = "read";
                            continue;
                        }
                    case 18: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.kefu.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.kind = "error";
                            continue;
                        }
                    case 19: {
                            if (wireType !== 2)
                                break;
                            message.ping = $root.kefu.v1.Ping.decode(reader, reader.size(), $undefined, _depth + 1, message.ping);
                            message.kind = "ping";
                            continue;
                        }
                    case 20: {
                            if (wireType !== 2)
                                break;
                            message.pong = $root.kefu.v1.Pong.decode(reader, reader.size(), $undefined, _depth + 1, message.pong);
                            message.kind = "pong";
                            continue;
                        }
                    case 21: {
                            if (wireType !== 2)
                                break;
                            message.resumed = $root.kefu.v1.Resumed.decode(reader, reader.size(), $undefined, _depth + 1, message.resumed);
                            message.kind = "resumed";
                            continue;
                        }
                    case 22: {
                            if (wireType !== 2)
                                break;
                            message.presence = $root.kefu.v1.Presence.decode(reader, reader.size(), $undefined, _depth + 1, message.presence);
                            message.kind = "presence";
                            continue;
                        }
                    case 23: {
                            if (wireType !== 2)
                                break;
                            message.botDelta = $root.kefu.v1.BotDelta.decode(reader, reader.size(), $undefined, _depth + 1, message.botDelta);
                            message.kind = "botDelta";
                            continue;
                        }
                    case 24: {
                            if (wireType !== 2)
                                break;
                            message.handoff = $root.kefu.v1.Handoff.decode(reader, reader.size(), $undefined, _depth + 1, message.handoff);
                            message.kind = "handoff";
                            continue;
                        }
                    case 25: {
                            if (wireType !== 2)
                                break;
                            message.assignment = $root.kefu.v1.Assignment.decode(reader, reader.size(), $undefined, _depth + 1, message.assignment);
                            message.kind = "assignment";
                            continue;
                        }
                    case 26: {
                            if (wireType !== 2)
                                break;
                            message.queuePosition = $root.kefu.v1.QueuePosition.decode(reader, reader.size(), $undefined, _depth + 1, message.queuePosition);
                            message.kind = "queuePosition";
                            continue;
                        }
                    case 27: {
                            if (wireType !== 2)
                                break;
                            message.agentState = $root.kefu.v1.AgentState.decode(reader, reader.size(), $undefined, _depth + 1, message.agentState);
                            message.kind = "agentState";
                            continue;
                        }
                    case 28: {
                            if (wireType !== 2)
                                break;
                            message.transfer = $root.kefu.v1.Transfer.decode(reader, reader.size(), $undefined, _depth + 1, message.transfer);
                            message.kind = "transfer";
                            continue;
                        }
                    case 29: {
                            if (wireType !== 2)
                                break;
                            message.returnToBot = $root.kefu.v1.ReturnToBot.decode(reader, reader.size(), $undefined, _depth + 1, message.returnToBot);
                            message.kind = "returnToBot";
                            continue;
                        }
                    case 30: {
                            if (wireType !== 2)
                                break;
                            message.close = $root.kefu.v1.Close.decode(reader, reader.size(), $undefined, _depth + 1, message.close);
                            message.kind = "close";
                            continue;
                        }
                    case 31: {
                            if (wireType !== 2)
                                break;
                            message.watch = $root.kefu.v1.Watch.decode(reader, reader.size(), $undefined, _depth + 1, message.watch);
                            message.kind = "watch";
                            continue;
                        }
                    case 32: {
                            if (wireType !== 2)
                                break;
                            message.alert = $root.kefu.v1.Alert.decode(reader, reader.size(), $undefined, _depth + 1, message.alert);
                            message.kind = "alert";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Frame message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof kefu.v1.Frame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {kefu.v1.Frame & kefu.v1.Frame.$Shape} Frame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Frame.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Frame message.
             * @function verify
             * @memberof kefu.v1.Frame
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Frame.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    if (!$util.isString(message.id))
                        return "id: string expected";
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello")) {
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Hello.verify(message.hello, _depth + 1);
                        if (error)
                            return "hello." + error;
                    }
                }
                if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Welcome.verify(message.welcome, _depth + 1);
                        if (error)
                            return "welcome." + error;
                    }
                }
                if (message.send != null && $Object.hasOwnProperty.call(message, "send")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Send.verify(message.send, _depth + 1);
                        if (error)
                            return "send." + error;
                    }
                }
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Ack.verify(message.ack, _depth + 1);
                        if (error)
                            return "ack." + error;
                    }
                }
                if (message.deliver != null && $Object.hasOwnProperty.call(message, "deliver")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Deliver.verify(message.deliver, _depth + 1);
                        if (error)
                            return "deliver." + error;
                    }
                }
                if (message.resume != null && $Object.hasOwnProperty.call(message, "resume")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Resume.verify(message.resume, _depth + 1);
                        if (error)
                            return "resume." + error;
                    }
                }
                if (message.typing != null && $Object.hasOwnProperty.call(message, "typing")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Typing.verify(message.typing, _depth + 1);
                        if (error)
                            return "typing." + error;
                    }
                }
                if (message.read != null && $Object.hasOwnProperty.call(message, "read")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.ReadReceipt.verify(message.read, _depth + 1);
                        if (error)
                            return "read." + error;
                    }
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Error.verify(message.error, _depth + 1);
                        if (error)
                            return "error." + error;
                    }
                }
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Ping.verify(message.ping, _depth + 1);
                        if (error)
                            return "ping." + error;
                    }
                }
                if (message.pong != null && $Object.hasOwnProperty.call(message, "pong")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Pong.verify(message.pong, _depth + 1);
                        if (error)
                            return "pong." + error;
                    }
                }
                if (message.resumed != null && $Object.hasOwnProperty.call(message, "resumed")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Resumed.verify(message.resumed, _depth + 1);
                        if (error)
                            return "resumed." + error;
                    }
                }
                if (message.presence != null && $Object.hasOwnProperty.call(message, "presence")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Presence.verify(message.presence, _depth + 1);
                        if (error)
                            return "presence." + error;
                    }
                }
                if (message.botDelta != null && $Object.hasOwnProperty.call(message, "botDelta")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.BotDelta.verify(message.botDelta, _depth + 1);
                        if (error)
                            return "botDelta." + error;
                    }
                }
                if (message.handoff != null && $Object.hasOwnProperty.call(message, "handoff")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Handoff.verify(message.handoff, _depth + 1);
                        if (error)
                            return "handoff." + error;
                    }
                }
                if (message.assignment != null && $Object.hasOwnProperty.call(message, "assignment")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Assignment.verify(message.assignment, _depth + 1);
                        if (error)
                            return "assignment." + error;
                    }
                }
                if (message.queuePosition != null && $Object.hasOwnProperty.call(message, "queuePosition")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.QueuePosition.verify(message.queuePosition, _depth + 1);
                        if (error)
                            return "queuePosition." + error;
                    }
                }
                if (message.agentState != null && $Object.hasOwnProperty.call(message, "agentState")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.AgentState.verify(message.agentState, _depth + 1);
                        if (error)
                            return "agentState." + error;
                    }
                }
                if (message.transfer != null && $Object.hasOwnProperty.call(message, "transfer")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Transfer.verify(message.transfer, _depth + 1);
                        if (error)
                            return "transfer." + error;
                    }
                }
                if (message.returnToBot != null && $Object.hasOwnProperty.call(message, "returnToBot")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.ReturnToBot.verify(message.returnToBot, _depth + 1);
                        if (error)
                            return "returnToBot." + error;
                    }
                }
                if (message.close != null && $Object.hasOwnProperty.call(message, "close")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Close.verify(message.close, _depth + 1);
                        if (error)
                            return "close." + error;
                    }
                }
                if (message.watch != null && $Object.hasOwnProperty.call(message, "watch")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Watch.verify(message.watch, _depth + 1);
                        if (error)
                            return "watch." + error;
                    }
                }
                if (message.alert != null && $Object.hasOwnProperty.call(message, "alert")) {
                    if (properties.kind === 1)
                        return "kind: multiple values";
                    properties.kind = 1;
                    {
                        let error = $root.kefu.v1.Alert.verify(message.alert, _depth + 1);
                        if (error)
                            return "alert." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a Frame message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof kefu.v1.Frame
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {kefu.v1.Frame} Frame
             */
            Frame.fromObject = function (object, _depth) {
                if (object instanceof $root.kefu.v1.Frame)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".kefu.v1.Frame: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.kefu.v1.Frame();
                if (object.id != null)
                    if (typeof object.id !== "string" || object.id.length)
                        message.id = $String(object.id);
                if (object.hello != null) {
                    if (!$util.isObject(object.hello))
                        throw $TypeError(".kefu.v1.Frame.hello: object expected");
                    message.hello = $root.kefu.v1.Hello.fromObject(object.hello, _depth + 1);
                }
                if (object.welcome != null) {
                    if (!$util.isObject(object.welcome))
                        throw $TypeError(".kefu.v1.Frame.welcome: object expected");
                    message.welcome = $root.kefu.v1.Welcome.fromObject(object.welcome, _depth + 1);
                }
                if (object.send != null) {
                    if (!$util.isObject(object.send))
                        throw $TypeError(".kefu.v1.Frame.send: object expected");
                    message.send = $root.kefu.v1.Send.fromObject(object.send, _depth + 1);
                }
                if (object.ack != null) {
                    if (!$util.isObject(object.ack))
                        throw $TypeError(".kefu.v1.Frame.ack: object expected");
                    message.ack = $root.kefu.v1.Ack.fromObject(object.ack, _depth + 1);
                }
                if (object.deliver != null) {
                    if (!$util.isObject(object.deliver))
                        throw $TypeError(".kefu.v1.Frame.deliver: object expected");
                    message.deliver = $root.kefu.v1.Deliver.fromObject(object.deliver, _depth + 1);
                }
                if (object.resume != null) {
                    if (!$util.isObject(object.resume))
                        throw $TypeError(".kefu.v1.Frame.resume: object expected");
                    message.resume = $root.kefu.v1.Resume.fromObject(object.resume, _depth + 1);
                }
                if (object.typing != null) {
                    if (!$util.isObject(object.typing))
                        throw $TypeError(".kefu.v1.Frame.typing: object expected");
                    message.typing = $root.kefu.v1.Typing.fromObject(object.typing, _depth + 1);
                }
                if (object.read != null) {
                    if (!$util.isObject(object.read))
                        throw $TypeError(".kefu.v1.Frame.read: object expected");
                    message.read = $root.kefu.v1.ReadReceipt.fromObject(object.read, _depth + 1);
                }
                if (object.error != null) {
                    if (!$util.isObject(object.error))
                        throw $TypeError(".kefu.v1.Frame.error: object expected");
                    message.error = $root.kefu.v1.Error.fromObject(object.error, _depth + 1);
                }
                if (object.ping != null) {
                    if (!$util.isObject(object.ping))
                        throw $TypeError(".kefu.v1.Frame.ping: object expected");
                    message.ping = $root.kefu.v1.Ping.fromObject(object.ping, _depth + 1);
                }
                if (object.pong != null) {
                    if (!$util.isObject(object.pong))
                        throw $TypeError(".kefu.v1.Frame.pong: object expected");
                    message.pong = $root.kefu.v1.Pong.fromObject(object.pong, _depth + 1);
                }
                if (object.resumed != null) {
                    if (!$util.isObject(object.resumed))
                        throw $TypeError(".kefu.v1.Frame.resumed: object expected");
                    message.resumed = $root.kefu.v1.Resumed.fromObject(object.resumed, _depth + 1);
                }
                if (object.presence != null) {
                    if (!$util.isObject(object.presence))
                        throw $TypeError(".kefu.v1.Frame.presence: object expected");
                    message.presence = $root.kefu.v1.Presence.fromObject(object.presence, _depth + 1);
                }
                if (object.botDelta != null) {
                    if (!$util.isObject(object.botDelta))
                        throw $TypeError(".kefu.v1.Frame.botDelta: object expected");
                    message.botDelta = $root.kefu.v1.BotDelta.fromObject(object.botDelta, _depth + 1);
                }
                if (object.handoff != null) {
                    if (!$util.isObject(object.handoff))
                        throw $TypeError(".kefu.v1.Frame.handoff: object expected");
                    message.handoff = $root.kefu.v1.Handoff.fromObject(object.handoff, _depth + 1);
                }
                if (object.assignment != null) {
                    if (!$util.isObject(object.assignment))
                        throw $TypeError(".kefu.v1.Frame.assignment: object expected");
                    message.assignment = $root.kefu.v1.Assignment.fromObject(object.assignment, _depth + 1);
                }
                if (object.queuePosition != null) {
                    if (!$util.isObject(object.queuePosition))
                        throw $TypeError(".kefu.v1.Frame.queuePosition: object expected");
                    message.queuePosition = $root.kefu.v1.QueuePosition.fromObject(object.queuePosition, _depth + 1);
                }
                if (object.agentState != null) {
                    if (!$util.isObject(object.agentState))
                        throw $TypeError(".kefu.v1.Frame.agentState: object expected");
                    message.agentState = $root.kefu.v1.AgentState.fromObject(object.agentState, _depth + 1);
                }
                if (object.transfer != null) {
                    if (!$util.isObject(object.transfer))
                        throw $TypeError(".kefu.v1.Frame.transfer: object expected");
                    message.transfer = $root.kefu.v1.Transfer.fromObject(object.transfer, _depth + 1);
                }
                if (object.returnToBot != null) {
                    if (!$util.isObject(object.returnToBot))
                        throw $TypeError(".kefu.v1.Frame.returnToBot: object expected");
                    message.returnToBot = $root.kefu.v1.ReturnToBot.fromObject(object.returnToBot, _depth + 1);
                }
                if (object.close != null) {
                    if (!$util.isObject(object.close))
                        throw $TypeError(".kefu.v1.Frame.close: object expected");
                    message.close = $root.kefu.v1.Close.fromObject(object.close, _depth + 1);
                }
                if (object.watch != null) {
                    if (!$util.isObject(object.watch))
                        throw $TypeError(".kefu.v1.Frame.watch: object expected");
                    message.watch = $root.kefu.v1.Watch.fromObject(object.watch, _depth + 1);
                }
                if (object.alert != null) {
                    if (!$util.isObject(object.alert))
                        throw $TypeError(".kefu.v1.Frame.alert: object expected");
                    message.alert = $root.kefu.v1.Alert.fromObject(object.alert, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a Frame message. Also converts values to other types if specified.
             * @function toObject
             * @memberof kefu.v1.Frame
             * @static
             * @param {kefu.v1.Frame} message Frame
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Frame.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.id = "";
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    object.id = message.id;
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello")) {
                    object.hello = $root.kefu.v1.Hello.toObject(message.hello, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "hello";
                }
                if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome")) {
                    object.welcome = $root.kefu.v1.Welcome.toObject(message.welcome, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "welcome";
                }
                if (message.send != null && $Object.hasOwnProperty.call(message, "send")) {
                    object.send = $root.kefu.v1.Send.toObject(message.send, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "send";
                }
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack")) {
                    object.ack = $root.kefu.v1.Ack.toObject(message.ack, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "ack";
                }
                if (message.deliver != null && $Object.hasOwnProperty.call(message, "deliver")) {
                    object.deliver = $root.kefu.v1.Deliver.toObject(message.deliver, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "deliver";
                }
                if (message.resume != null && $Object.hasOwnProperty.call(message, "resume")) {
                    object.resume = $root.kefu.v1.Resume.toObject(message.resume, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "resume";
                }
                if (message.typing != null && $Object.hasOwnProperty.call(message, "typing")) {
                    object.typing = $root.kefu.v1.Typing.toObject(message.typing, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "typing";
                }
                if (message.read != null && $Object.hasOwnProperty.call(message, "read")) {
                    object.read = $root.kefu.v1.ReadReceipt.toObject(message.read, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "read";
                }
                if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                    object.error = $root.kefu.v1.Error.toObject(message.error, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "error";
                }
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping")) {
                    object.ping = $root.kefu.v1.Ping.toObject(message.ping, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "ping";
                }
                if (message.pong != null && $Object.hasOwnProperty.call(message, "pong")) {
                    object.pong = $root.kefu.v1.Pong.toObject(message.pong, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "pong";
                }
                if (message.resumed != null && $Object.hasOwnProperty.call(message, "resumed")) {
                    object.resumed = $root.kefu.v1.Resumed.toObject(message.resumed, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "resumed";
                }
                if (message.presence != null && $Object.hasOwnProperty.call(message, "presence")) {
                    object.presence = $root.kefu.v1.Presence.toObject(message.presence, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "presence";
                }
                if (message.botDelta != null && $Object.hasOwnProperty.call(message, "botDelta")) {
                    object.botDelta = $root.kefu.v1.BotDelta.toObject(message.botDelta, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "botDelta";
                }
                if (message.handoff != null && $Object.hasOwnProperty.call(message, "handoff")) {
                    object.handoff = $root.kefu.v1.Handoff.toObject(message.handoff, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "handoff";
                }
                if (message.assignment != null && $Object.hasOwnProperty.call(message, "assignment")) {
                    object.assignment = $root.kefu.v1.Assignment.toObject(message.assignment, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "assignment";
                }
                if (message.queuePosition != null && $Object.hasOwnProperty.call(message, "queuePosition")) {
                    object.queuePosition = $root.kefu.v1.QueuePosition.toObject(message.queuePosition, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "queuePosition";
                }
                if (message.agentState != null && $Object.hasOwnProperty.call(message, "agentState")) {
                    object.agentState = $root.kefu.v1.AgentState.toObject(message.agentState, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "agentState";
                }
                if (message.transfer != null && $Object.hasOwnProperty.call(message, "transfer")) {
                    object.transfer = $root.kefu.v1.Transfer.toObject(message.transfer, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "transfer";
                }
                if (message.returnToBot != null && $Object.hasOwnProperty.call(message, "returnToBot")) {
                    object.returnToBot = $root.kefu.v1.ReturnToBot.toObject(message.returnToBot, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "returnToBot";
                }
                if (message.close != null && $Object.hasOwnProperty.call(message, "close")) {
                    object.close = $root.kefu.v1.Close.toObject(message.close, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "close";
                }
                if (message.watch != null && $Object.hasOwnProperty.call(message, "watch")) {
                    object.watch = $root.kefu.v1.Watch.toObject(message.watch, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "watch";
                }
                if (message.alert != null && $Object.hasOwnProperty.call(message, "alert")) {
                    object.alert = $root.kefu.v1.Alert.toObject(message.alert, options, _depth + 1);
                    if (options.oneofs)
                        object.kind = "alert";
                }
                return object;
            };

            /**
             * Converts this Frame to JSON.
             * @function toJSON
             * @memberof kefu.v1.Frame
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Frame.prototype.toJSON = function() {
                return Frame.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Frame
             * @function getTypeUrl
             * @memberof kefu.v1.Frame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Frame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/kefu.v1.Frame";
            };

            return Frame;
        })();

        return v1;
    })();

    return kefu;
})();

export {
  $root as default
};
