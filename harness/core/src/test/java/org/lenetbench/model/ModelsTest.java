package org.lenetbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The named models against the paper's facts (shared/reference/lenet-facts.md). */
class ModelsTest {

    @Test
    void lenet5HasTheCanonicalParameterNamesAndLayouts() {
        ModelSpec m = Models.lenet5();
        assertEquals(List.of("c1.weight", "c1.bias", "s2.coef", "s2.bias", "c3.weight", "c3.bias", "s4.coef",
                "s4.bias", "c5.weight", "c5.bias", "f6.weight", "f6.bias", "out.weight", "out.bias"),
                m.parameters().stream().map(ParameterSpec::name).toList());
        assertEquals("[6, 1, 5, 5]", m.parameters().get(0).shapeString());
        assertEquals("[16, 6, 5, 5]", m.parameters().get(4).shapeString());
        assertEquals("[120, 400]", m.parameters().get(8).shapeString());
        assertEquals("[10, 84]", m.parameters().get(12).shapeString());
    }

    @Test
    void lenet51998HasFixedRbfCentresInPlaceOfTheLinearOutput() {
        ModelSpec m = Models.lenet51998();
        ParameterSpec last = m.parameters().getLast();
        assertEquals("rbf.centres", last.name());
        assertEquals("[10, 84]", last.shapeString());
        assertFalse(last.trainable());
        assertEquals(12, m.trainableParameters().size());
        assertTrue(m.loss() instanceof Loss.Map map && map.j() == 0.1);
    }

    @Test
    void trainableParameterCountsMatchThePaperTable() {
        ModelSpec m = Models.lenet51998();
        assertEquals(156, connected(m, "c1"));
        assertEquals(12, connected(m, "s2"));
        assertEquals(1516, connected(m, "c3"));
        assertEquals(32, connected(m, "s4"));
        assertEquals(48120, connected(m, "c5"));
        assertEquals(10164, connected(m, "f6"));
    }

    @Test
    void shapesFollowThePaper() {
        ModelSpec m = Models.lenet5();
        assertEquals(new Shape(1, 32, 32), m.input().shape());
        assertEquals(new Shape(6, 28, 28), m.outputShapeOf("c1"));
        assertEquals(new Shape(6, 14, 14), m.outputShapeOf("s2"));
        assertEquals(new Shape(16, 10, 10), m.outputShapeOf("c3"));
        assertEquals(new Shape(16, 5, 5), m.outputShapeOf("s4"));
        assertEquals(Shape.vector(120), m.outputShapeOf("c5"));
        assertEquals(new Shape(6, 28, 28), Models.lenet5Modern().outputShapeOf("c1"));
        assertEquals(new Shape(12, 4, 4), Models.lenet1().outputShapeOf("s4"));
        assertEquals("[10, 192]", Models.lenet1().parametersOf("out").getFirst().shapeString());
    }

    @Test
    void multiplyAddsMatchThePaperWorkPerImage() {
        ModelSpec m = Models.lenet51998();
        assertEquals(117_600, m.forwardMultiplyAdds("c1"));
        assertEquals(4_704, m.forwardMultiplyAdds("s2"));
        assertEquals(150_000, m.forwardMultiplyAdds("c3"));
        assertEquals(1_600, m.forwardMultiplyAdds("s4"));
        assertEquals(48_000, m.forwardMultiplyAdds("c5"));
        assertEquals(10_080, m.forwardMultiplyAdds("f6"));
        assertEquals(840, m.forwardMultiplyAdds("rbf"));
    }

    @Test
    void table1HasSixtyConnectionsAndTheListedRows() {
        ConnectionTable t = ConnectionTable.lenet5Table1();
        assertEquals(60, t.connectedPairs());
        assertTrue(t.connected(4, 0) && t.connected(4, 4) && t.connected(4, 5) && !t.connected(4, 1));
        assertTrue(t.connected(14, 0) && t.connected(14, 2) && t.connected(14, 3) && t.connected(14, 5));
        assertEquals(6, t.inputsOf(15));
    }

    @Test
    void predictedClassIsLargestLogitOrSmallestDistance() {
        float[] scores = {0.5f, 3f, -1f, 3f, 0f, 0f, 0f, 0f, 0f, 0f};
        assertEquals(1, Output.linear(10).predict(scores, 0), "ties go to the lowest index");
        assertEquals(2, Output.rbf(10).predict(scores, 0));
    }

    @Test
    void unknownNamesAndBadSpecsGiveClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.byName("lenet7"));
        assertTrue(e.getMessage().contains("lenet5-1998"), e.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("bad", "", new Input(28, 0, 0, 1),
                List.of(Convolution.dense("c1", 6, 5, 0), new Subsampling("s2", Subsampling.Kind.MAX, 5),
                        Output.linear(10)), new Loss.SoftmaxCrossEntropy(), InitScheme.PYTORCH));
        assertTrue(bad.getMessage().contains("s2"), bad.getMessage());
    }

    @Test
    void rbfBitmapsAreTenDistinctPlusMinusOnePatterns() {
        float[] c = RbfBitmaps.centres();
        assertEquals(840, c.length);
        for (float v : c) {
            assertTrue(v == 1f || v == -1f);
        }
        // digit 1, first row "...##..": columns 3 and 4 set
        assertEquals(List.of(-1f, -1f, -1f, 1f, 1f, -1f, -1f), row(c, 1, 0));
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                assertFalse(java.util.Arrays.equals(c, a * 84, a * 84 + 84, c, b * 84, b * 84 + 84),
                        "digits " + a + " and " + b + " have the same bitmap");
            }
        }
    }

    private static List<Float> row(float[] c, int digit, int row) {
        List<Float> r = new java.util.ArrayList<>();
        for (int col = 0; col < 7; col++) {
            r.add(c[digit * 84 + row * 7 + col]);
        }
        return r;
    }

    private static int connected(ModelSpec m, String layer) {
        int count = 0;
        for (ParameterSpec p : m.parametersOf(layer)) {
            for (int i = 0; i < p.size(); i++) {
                if (p.mask().present(i)) {
                    count++;
                }
            }
        }
        return count;
    }
}
