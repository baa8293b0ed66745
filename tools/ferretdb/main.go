// Command ferretdb runs FerretDB v1 (MongoDB wire protocol, SQLite storage)
// as the embedded database for development and tests on machines where a
// real mongod cannot be had. It wraps FerretDB's embeddable package so the
// build works with a plain `go build` from the Go module proxy.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data-dir", "", "directory holding the SQLite database files (required)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	exitWithParent := flag.Bool("exit-with-parent", false, "stop when the process that started this one ends, however it ends")
	flag.Parse()

	if *dataDir == "" {
		fmt.Fprintln(os.Stderr, "ferretdb: --data-dir is required")
		os.Exit(2)
	}

	absDir, err := filepath.Abs(*dataDir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %s\n", err)
		os.Exit(2)
	}

	if err = os.MkdirAll(absDir, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %s\n", err)
		os.Exit(2)
	}

	var level slog.Level
	if err = level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad --log-level: %s\n", err)
		os.Exit(2)
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	server, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + absDir + "/",
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %s\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if *exitWithParent {
		go stopWhenOrphaned(ctx, stop)
	}

	if err = server.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %s\n", err)
		os.Exit(1)
	}
}

// stopWhenOrphaned cancels the server's context once the parent process is
// gone (the process is then re-parented, so its parent pid changes), so an
// embedded database never outlives a development server that was killed.
func stopWhenOrphaned(ctx context.Context, stop context.CancelFunc) {
	parent := os.Getppid()
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()

	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			if os.Getppid() != parent {
				stop()
				return
			}
		}
	}
}
