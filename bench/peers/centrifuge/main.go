// Command centrifuge-peer is the stand-in for Centrifugo in the kefu WebSocket
// benchmarks: a minimal server on the centrifuge library (the engine Centrifugo
// is built on) speaking the same client protocol. Every connection is accepted
// anonymously (like Centrifugo's insecure client mode), may subscribe to any
// channel and publish into it; a publish is acked, then broadcast to the
// channel's subscribers from memory (no history, no durable store). The RPC
// method "ping" answers with an empty result.
//
// Built and started by bench/scenarios/ws-fanout.ts; by hand:
//
//	cd bench/peers/centrifuge && go build -o ../../.work/bin/centrifuge-peer . && PORT=9004 ../../.work/bin/centrifuge-peer
package main

import (
	"context"
	"log"
	"net/http"
	"os"

	"github.com/centrifugal/centrifuge"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "9004"
	}
	node, err := centrifuge.New(centrifuge.Config{LogLevel: centrifuge.LogLevelError})
	if err != nil {
		log.Fatal(err)
	}
	node.OnConnecting(func(ctx context.Context, e centrifuge.ConnectEvent) (centrifuge.ConnectReply, error) {
		return centrifuge.ConnectReply{Credentials: &centrifuge.Credentials{UserID: ""}}, nil
	})
	node.OnConnect(func(client *centrifuge.Client) {
		client.OnSubscribe(func(e centrifuge.SubscribeEvent, cb centrifuge.SubscribeCallback) {
			cb(centrifuge.SubscribeReply{}, nil)
		})
		client.OnPublish(func(e centrifuge.PublishEvent, cb centrifuge.PublishCallback) {
			cb(centrifuge.PublishReply{}, nil)
		})
		client.OnRPC(func(e centrifuge.RPCEvent, cb centrifuge.RPCCallback) {
			cb(centrifuge.RPCReply{}, nil)
		})
	})
	if err := node.Run(); err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/connection/websocket", centrifuge.NewWebsocketHandler(node, centrifuge.WebsocketConfig{
		CheckOrigin:        func(r *http.Request) bool { return true },
		UseWriteBufferPool: true,
	}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	log.Printf("centrifuge-peer listening on 127.0.0.1:%s", port)
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, mux))
}
