package dev.kamgraph.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community Edition DBMS that serves Bolt on 127.0.0.1 without
 * encryption or authentication, for local development and tests only.
 *
 * <p>The process prints {@value #READY_PREFIX} followed by the Bolt URI once the default
 * database accepts transactions, then blocks until it receives SIGTERM or SIGINT, when a
 * shutdown hook stops the DBMS. Exit status 2 means invalid arguments, 1 means start-up failed.
 */
public final class Neo4jLauncher {

    static final String READY_PREFIX = "kamgraph-neo4j ready ";

    private static final String HOST = "127.0.0.1";
    private static final String PORT_ENV = "KAMGRAPH_NEO4J_PORT";
    private static final int DEFAULT_PORT = 7687;
    private static final String DATABASE = "neo4j";
    private static final long PAGE_CACHE_BYTES = 64L * 1024 * 1024;
    private static final long AVAILABILITY_TIMEOUT_SECONDS = 120;
    private static final int DELETE_ATTEMPTS = 3;
    private static final long DELETE_RETRY_MILLIS = 200;

    private static final String USAGE = String.join(
            System.lineSeparator(),
            "Usage: java [JVM options] dev.kamgraph.launcher.Neo4jLauncher [--port PORT] [--data DIR]",
            "",
            "Starts an embedded Neo4j that serves Bolt on " + HOST + " without encryption or authentication.",
            "",
            "Options:",
            "  --port PORT  Bolt port, 1-65535. Default: $" + PORT_ENV + ", else " + DEFAULT_PORT + ".",
            "  --data DIR   Neo4j home folder for the store and logs, created if missing and kept on exit.",
            "               Default: a new temporary folder, deleted on exit.",
            "  --help       Print this message and exit.");

    private Neo4jLauncher() {}

    /** Parsed command line. A null {@code home} means a temporary folder. */
    record Options(int port, Path home) {}

    /** Invalid command line or environment, reported with the usage message. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parseOptions(args, System.getenv(PORT_ENV));
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }

        try {
            run(options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            e.printStackTrace(System.err);
            System.err.println("error: failed to start Neo4j on bolt://" + HOST + ":" + options.port() + ": "
                    + rootCause(e));
            System.exit(1);
        }
    }

    /** Parses the arguments. Returns null when they request the help message. */
    static Options parseOptions(String[] args, String portFromEnv) throws UsageException {
        String portText = portFromEnv == null || portFromEnv.isBlank() ? null : portFromEnv.trim();
        String portSource = "$" + PORT_ENV;
        Path home = null;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (name) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--port", "--data" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("missing value for " + name);
                        }
                        value = args[++i];
                    }
                    if (value.isBlank()) {
                        throw new UsageException("empty value for " + name);
                    }
                    if (name.equals("--port")) {
                        portText = value;
                        portSource = "--port";
                    } else {
                        home = Path.of(value).toAbsolutePath();
                    }
                }
                default -> throw new UsageException("unknown argument: " + arg);
            }
        }

        int port = portText == null ? DEFAULT_PORT : parsePort(portText, portSource);
        return new Options(port, home);
    }

    private static int parsePort(String text, String source) throws UsageException {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException("invalid port in " + source + ": \"" + text + "\" is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("invalid port in " + source + ": " + port + " is outside 1-65535");
        }
        return port;
    }

    private static void run(Options options) throws IOException, InterruptedException {
        boolean temporary = options.home() == null;
        Path home = temporary ? Files.createTempDirectory("kamgraph-neo4j-") : options.home();
        Files.createDirectories(home);
        String boltUri = "bolt://" + HOST + ":" + options.port();

        // Neo4j's user log, with its start and stop messages, goes to standard output
        // beside the launcher's own lines.
        Log4jLogProvider userLog = new Log4jLogProvider(System.out, Level.INFO);
        AtomicReference<DatabaseManagementService> started = new AtomicReference<>();

        // Registered before the build, so that a signal during start-up still deletes the
        // temporary folder.
        // NOTE: the hook cannot stop a DBMS whose build has not returned yet, so files that
        // the build writes after the deletion stay behind in the temporary folder.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService service = started.get();
            if (service != null) {
                System.out.println("kamgraph-neo4j stopping " + boltUri);
                service.shutdown();
            }
            userLog.close();
            if (temporary) {
                deleteRecursively(home);
            }
            System.out.println("kamgraph-neo4j stopped");
            System.out.flush();
        }, "kamgraph-neo4j-shutdown"));

        DatabaseManagementService service;
        try {
            service = buildService(home, options.port(), userLog);
        } catch (RuntimeException e) {
            if (temporary) {
                deleteRecursively(home);
            }
            throw e;
        }
        started.set(service);

        long timeoutMillis = TimeUnit.SECONDS.toMillis(AVAILABILITY_TIMEOUT_SECONDS);
        if (!service.database(DATABASE).isAvailable(timeoutMillis)) {
            String hint = temporary
                    ? "The temporary folder is deleted on exit, so rerun with --data DIR"
                            + " to keep logs/debug.log."
                    : "See " + home.resolve("logs").resolve("debug.log") + ".";
            System.err.println("error: database \"" + DATABASE + "\" not available after "
                    + AVAILABILITY_TIMEOUT_SECONDS + " s. " + hint);
            System.exit(1);
        }

        System.out.println(READY_PREFIX + boltUri);
        System.out.println("kamgraph-neo4j home " + home + (temporary ? " (temporary)" : ""));
        System.out.flush();

        // Block until a signal runs the shutdown hook and the JVM exits.
        Thread.currentThread().join();
    }

    private static DatabaseManagementService buildService(Path home, int port, Log4jLogProvider userLog) {
        return new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(userLog)
                // Bind every listener, including any default one, to loopback only.
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Clients use Bolt only, and an enabled HTTP connector would listen on a second port.
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // A single instance needs no server-side routing. Drivers with neo4j:// URIs still work,
                // because the routing table lists the advertised Bolt address.
                .setConfig(GraphDatabaseSettings.routing_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Deletes a folder tree. Retries a few times because a DBMS that is still starting may
     * create files while the walk runs.
     */
    private static void deleteRecursively(Path root) {
        IOException lastError = null;
        for (int attempt = 1; attempt <= DELETE_ATTEMPTS; attempt++) {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(path);
                }
                return;
            } catch (IOException e) {
                lastError = e;
            } catch (UncheckedIOException e) {
                lastError = e.getCause();
            }
            try {
                Thread.sleep(DELETE_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        System.err.println("warning: failed to delete temporary folder " + root + ": " + lastError);
    }
}
