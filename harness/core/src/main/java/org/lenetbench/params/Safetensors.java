package org.lenetbench.params;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lenetbench.tensor.NamedTensors;
import org.lenetbench.tensor.Tensor;
import org.lenetbench.util.AtomicFiles;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, F32
 * tensors only: 8 bytes little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}}),
 * then the little-endian data. PyTorch reads these files with {@code safetensors.torch.load_file}.
 * Writing is atomic: a temporary file beside the target, then a move.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Safetensors() {
    }

    public static void write(Path file, NamedTensors tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.asMap().entrySet()) {
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 4L * e.getValue().size();
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the format allows trailing spaces; 8-byte alignment helps mmap
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.asMap().values()) {
            for (float f : t.data()) {
                out.putFloat(f);
            }
        }
        AtomicFiles.write(file, out.array());
    }

    /** Reads every tensor, in file order. Errors name the file and what was wrong. */
    public static NamedTensors read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new SafetensorsFormatException(file, "file has " + fileSize
                        + " bytes, less than the 8-byte header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, file);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > fileSize) {
                throw new SafetensorsFormatException(file, "header length " + headerLength
                        + " does not fit in a file of " + fileSize + " bytes");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, file);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new SafetensorsFormatException(file, "header is not valid JSON: " + e.getOriginalMessage());
            }
            if (header == null || !header.isObject()) {
                throw new SafetensorsFormatException(file, "header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            long dataSize = fileSize - dataStart;
            ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(dataSize)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, data, file);
            return parseTensors(file, header, data.flip(), dataSize);
        }
    }

    /** Reads the {@code __metadata__} string map (empty if absent). */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new SafetensorsFormatException(file, "file is too short");
        }
        long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength <= 0 || 8 + headerLength > all.length) {
            throw new SafetensorsFormatException(file, "header length " + headerLength + " does not fit");
        }
        JsonNode meta = JSON.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8))
                .get("__metadata__");
        Map<String, String> result = new LinkedHashMap<>();
        if (meta != null) {
            meta.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
        }
        return result;
    }

    private static NamedTensors parseTensors(Path file, JsonNode header, ByteBuffer data, long dataSize)
            throws SafetensorsFormatException {
        record Entry(String name, int[] shape, long begin, long end) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : header.properties()) {
            String name = field.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            JsonNode node = field.getValue();
            String dtype = node.path("dtype").asText("");
            if (!dtype.equals("F32")) {
                throw new SafetensorsFormatException(file, "tensor '" + name + "': dtype '" + dtype
                        + "', expected F32 (convert with tensor.float() before saving)");
            }
            JsonNode shapeNode = node.path("shape");
            JsonNode offsets = node.path("data_offsets");
            if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
                throw new SafetensorsFormatException(file, "tensor '" + name
                        + "': expected 'shape' as an array and 'data_offsets' as [begin, end]");
            }
            int[] shape = new int[shapeNode.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asInt(-1);
                if (shape[i] <= 0) {
                    throw new SafetensorsFormatException(file, "tensor '" + name + "': dimension " + i
                            + " is " + shapeNode.get(i) + ", expected a positive integer");
                }
                elements *= shape[i];
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            if (begin < 0 || end < begin || end > dataSize) {
                throw new SafetensorsFormatException(file, "tensor '" + name + "': data_offsets [" + begin
                        + ", " + end + "] outside the " + dataSize + " data bytes (truncated file?)");
            }
            if (end - begin != 4 * elements) {
                throw new SafetensorsFormatException(file, "tensor '" + name + "': shape "
                        + java.util.Arrays.toString(shape) + " needs " + 4 * elements + " bytes, data_offsets give "
                        + (end - begin));
            }
            entries.add(new Entry(name, shape, begin, end));
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            float[] values = new float[(int) ((e.end - e.begin) / 4)];
            data.position((int) e.begin);
            data.asFloatBuffer().get(values);
            tensors.put(e.name, new Tensor(e.shape, values));
        }
        return new NamedTensors(tensors);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new SafetensorsFormatException(file, "unexpected end of file");
            }
        }
    }
}
