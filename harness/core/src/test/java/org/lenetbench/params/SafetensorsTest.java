package org.lenetbench.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetbench.model.ModelSpec;
import org.lenetbench.model.Models;
import org.lenetbench.tensor.NamedTensors;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsNamesOrderShapesValuesAndMetadata() throws IOException {
        ModelSpec m = Models.lenet51998();
        NamedTensors p = Initializer.initialize(m, m.defaultInit(), 9);
        Path file = dir.resolve("params.safetensors");
        Safetensors.write(file, p, Map.of("model", m.name()));
        NamedTensors back = Safetensors.read(file);
        assertEquals(p, back);
        assertEquals(java.util.List.copyOf(p.names()), java.util.List.copyOf(back.names()));
        assertEquals(Map.of("model", "lenet5-1998"), Safetensors.readMetadata(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void fileFollowsTheSafetensorsLayout() throws IOException {
        ModelSpec m = Models.lenet1();
        Path file = dir.resolve("p.safetensors");
        NamedTensors p = Initializer.initialize(m, m.defaultInit(), 1);
        Safetensors.write(file, p, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        JsonNode c1 = header.get("c1.weight");
        assertEquals("F32", c1.get("dtype").asText());
        assertEquals("[4,1,5,5]", c1.get("shape").toString());
        assertEquals(0, c1.get("data_offsets").get(0).asLong());
        assertEquals(400, c1.get("data_offsets").get(1).asLong());
        float first = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(p.get("c1.weight").data()[0], first);
    }

    @Test
    void truncatedFileNamesTheFileAndTheTensor() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        ModelSpec m = Models.lenet1();
        Safetensors.write(file, Initializer.initialize(m, m.defaultInit(), 1), Map.of());
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 10));
        var e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("cut.safetensors") && e.getMessage().contains("out.bias"), e.getMessage());
    }

    @Test
    void wrongDtypeAndGarbageAreRefusedClearly() throws IOException {
        Path file = dir.resolve("f16.safetensors");
        String json = "{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + json.length() + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length()).put(json.getBytes(StandardCharsets.UTF_8));
        Files.write(file, b.array());
        var e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("F16"), e.getMessage());

        Path garbage = dir.resolve("garbage.safetensors");
        Files.write(garbage, new byte[] {1, 2, 3});
        assertTrue(assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(garbage))
                .getMessage().contains("garbage.safetensors"));
    }

    @Test
    void parametersOfTheWrongShapeAreRefusedByName() {
        NamedTensors lenet1 = Initializer.initialize(Models.lenet1(), Models.lenet1().defaultInit(), 1);
        ModelSpec lenet5 = Models.lenet5();
        var e = assertThrows(IllegalArgumentException.class,
                () -> lenet1.requireLayout(lenet5, lenet5.parameters(), "x.safetensors"));
        assertTrue(e.getMessage().contains("x.safetensors") && e.getMessage().contains("c1.weight")
                && e.getMessage().contains("[6, 1, 5, 5]"), e.getMessage());
    }
}
