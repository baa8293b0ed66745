import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The embedded database of development and tests where no mongod can be had:
 * mongo-java-server speaking MongoDB's wire protocol on a loopback port.
 *
 * <pre>
 * java -cp 'lib/*:classes' EmbeddedMongoServer --port 27017 --backend memory
 * java -cp 'lib/*:classes' EmbeddedMongoServer --port 27017 --backend h2 --file .data/db/journal.mv
 * </pre>
 *
 * Prints one line, {@code listening on 127.0.0.1:PORT}, once clients can connect.
 * Stops cleanly on SIGTERM, and by itself when its standard input closes (the
 * process that started it ended, however it ended), so it never outlives its parent.
 */
public final class EmbeddedMongoServer {

    private EmbeddedMongoServer() {
    }

    /**
     * The H2 backend as shipped commits its store once a second, so a write it
     * has acknowledged can be lost when the process is killed within that
     * second. This one commits before every reply that follows a change: what
     * a client was told is written is in the file (in the operating system's
     * cache; it survives the process being killed, not a power loss).
     */
    static final class CommittingH2Backend extends H2Backend {

        private final MVStore store;

        CommittingH2Backend(MVStore store) {
            super(store);
            this.store = store;
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                commitOrStop();
            }
        }

        private void commitOrStop() {
            try {
                if (store.hasUnsavedChanges()) store.commit();
            } catch (RuntimeException e) {
                stopOnBrokenStore(e);
            }
            if (store.isClosed()) stopOnBrokenStore(null);
        }
    }

    /**
     * A store that closed itself (out of memory, disk full, a broken file)
     * answers nothing truthfully any more: exit, so clients see the database
     * as gone instead of reading from a store that lost writes.
     */
    static void stopOnBrokenStore(Throwable cause) {
        System.err.println("embedded-mongo-server: the H2 store failed"
            + (cause == null ? " and closed" : ": " + cause) + "; stopping");
        Runtime.getRuntime().halt(3);
    }

    private static Map<String, String> parseArguments(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument: " + name);
            }
            options.put(name.substring(2), args[++i]);
        }
        return options;
    }

    private static void usage(String problem) {
        System.err.println("embedded-mongo-server: " + problem);
        System.err.println("usage: EmbeddedMongoServer --port N [--host 127.0.0.1] --backend memory|h2 [--file PATH]");
        System.exit(2);
    }

    private static MongoBackend openBackend(String kind, String file) throws IOException {
        switch (kind) {
            case "memory":
                return new MemoryBackend();
            case "h2": {
                if (file == null) usage("--backend h2 needs --file");
                Path path = Path.of(file).toAbsolutePath();
                Files.createDirectories(path.getParent());
                MVStore store = new MVStore.Builder()
                    .fileName(path.toString())
                    .backgroundExceptionHandler((thread, error) -> stopOnBrokenStore(error))
                    .open();
                return new CommittingH2Backend(store);
            }
            default:
                usage("unknown backend: " + kind);
                return null;
        }
    }

    /** Exits once standard input reaches its end: the parent process is gone. */
    private static void exitWithParent() {
        Thread watcher = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // nothing is read from the parent; only the end of the stream matters
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as its end
            }
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parseArguments(args);
        String host = options.getOrDefault("host", "127.0.0.1");
        String portText = options.get("port");
        if (portText == null) usage("--port is required");
        int port = Integer.parseInt(portText);
        MongoBackend backend = openBackend(options.getOrDefault("backend", "memory"), options.get("file"));
        backend.version(ServerVersion.MONGO_5_0);

        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        // Runs on SIGTERM and SIGINT, and on System.exit: the H2 store is closed, so everything is on disk.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "shutdown"));
        if (Boolean.parseBoolean(options.getOrDefault("exit-with-parent", "true"))) exitWithParent();

        System.out.println("listening on " + host + ":" + server.getLocalAddress().getPort());
        System.out.flush();
    }
}
