package io.aioarango.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runner's handle on a {@link StubCoordinator} in a process of its own: started with the same {@code java}
 * and class path as the runner, its ports read from its standard output, stopped by {@link #close()}.
 */
final class StubProcess implements AutoCloseable {
    private final Process process;
    private final List<Integer> ports;

    private StubProcess(Process process, List<Integer> ports) {
        this.process = process;
        this.ports = ports;
    }

    /**
     * Starts a stub of {@code coordinators} ports and waits for it to print them.
     *
     * @param coordinators how many coordinators (ports)
     * @return the running stub
     * @throws IOException if it cannot be started or does not print its ports
     */
    static StubProcess start(int coordinators) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-Dio.netty.leakDetection.level=disabled",
                "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
                StubCoordinator.class.getName(), String.valueOf(coordinators));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            // The stub prints nothing but this line on standard output, so the pipe never fills up.
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
            String line = out.readLine();
            if (line == null || !line.startsWith(StubCoordinator.PORTS_LINE)) {
                throw new IOException("The stub coordinator printed '" + line + "' instead of its ports");
            }
            List<Integer> ports = new ArrayList<>();
            for (String port : line.substring(StubCoordinator.PORTS_LINE.length()).split(",")) {
                ports.add(Integer.parseInt(port.trim()));
            }
            return new StubProcess(process, List.copyOf(ports));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    List<Integer> ports() {
        return ports;
    }

    List<InetSocketAddress> addresses() {
        return ports.stream().map(port -> new InetSocketAddress("127.0.0.1", port)).toList();
    }

    /**
     * How many server-id requests each coordinator has served so far, asked over a connection of its own from the
     * calling thread (no thread is started).
     *
     * @return one count per coordinator, in port order
     */
    long[] hits() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ports.get(0)), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + StubCoordinator.HITS_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int body = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 200") || body < 0) {
                throw new IOException("Unexpected answer to " + StubCoordinator.HITS_PATH + ": " + answer);
            }
            return Arrays.stream(answer.substring(body + 4).trim().split(",")).mapToLong(Long::parseLong).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();   // the stub stops at the end of its input
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
