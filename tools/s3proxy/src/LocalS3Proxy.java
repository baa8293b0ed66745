import java.io.IOException;
import java.io.InputStream;

/**
 * S3Proxy on a loopback port for tests and local trials, started by
 * src/storage/s3Proxy.ts with a properties file naming the port, the access
 * key and secret, and the jclouds backend (transient: in memory; filesystem:
 * one folder per bucket).
 *
 * <pre>
 * java -cp 'lib/*:classes' LocalS3Proxy --properties s3proxy.properties
 * </pre>
 *
 * Exits by itself when its standard input closes (the process that started it
 * ended, however it ended), so it never outlives its parent; SIGTERM stops it
 * as well.
 */
public final class LocalS3Proxy {

    private LocalS3Proxy() {
    }

    public static void main(String[] args) throws Exception {
        Thread parentWatch = new Thread(() -> {
            InputStream input = System.in;
            byte[] buffer = new byte[256];
            try {
                while (input.read(buffer) >= 0) {
                    // Nothing is expected on standard input; only its end matters.
                }
            } catch (IOException e) {
                // A broken pipe means the parent is gone, like the end of the stream.
            }
            System.err.println("local-s3proxy: the parent process ended; stopping");
            Runtime.getRuntime().halt(0);
        }, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        org.gaul.s3proxy.Main.main(args);
    }
}
