package dev.shipgate.runtime;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.h2.mvstore.WriteBuffer;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unique index's keys: read back equal from their bytes, and ordered as a search tree needs (equal exactly when
 * {@link KeyValue#equals} says so, antisymmetric, transitive), mixed types and nested values included.
 */
class KeyValueTypeProperties {

    private static final KeyValueType TYPE = KeyValueType.INSTANCE;

    @Property(tries = 300)
    void aKeyReadBackFromItsBytesIsEqual(@ForAll("keys") KeyValue key) {
        WriteBuffer out = new WriteBuffer();
        TYPE.write(out, key);
        assertThat(TYPE.read(out.getBuffer().flip())).isEqualTo(key);
    }

    @Property(tries = 1000)
    void keysAreOrderedAsASearchTreeNeeds(@ForAll("keys") KeyValue a, @ForAll("keys") KeyValue b,
                                          @ForAll("keys") KeyValue c) {
        assertThat(TYPE.compare(a, b) == 0).isEqualTo(a.equals(b));
        assertThat(Integer.signum(TYPE.compare(a, b))).isEqualTo(-Integer.signum(TYPE.compare(b, a)));
        if (TYPE.compare(a, b) <= 0 && TYPE.compare(b, c) <= 0) {
            assertThat(TYPE.compare(a, c)).isLessThanOrEqualTo(0);
        }
    }

    @Provide
    Arbitrary<KeyValue> keys() {
        // few distinct values, so that equal and near-equal keys are common
        Arbitrary<Object> value = Arbitraries.oneOf(List.of(
                Arbitraries.of("bob", "alice", "Bob", "").map(Object.class::cast),
                Arbitraries.integers().between(-2, 2).map(Object.class::cast),
                Arbitraries.longs().between(-2, 2).map(Object.class::cast),
                Arbitraries.of(1.0, -0.0, 0.0, Double.NaN).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.of(Instant.EPOCH, Instant.ofEpochMilli(5)).map(Object.class::cast),
                Arbitraries.of(new ObjectId("5f0c8a3e2b1d4c0001a1b2c3"), new ObjectId("5f0c8a3e2b1d4c0001a1b2c4"))
                        .map(Object.class::cast),
                Arbitraries.of("x", "y").map(text -> (Object) new Document("v", text)),
                Arbitraries.just(null)));
        return value.list().ofMinSize(1).ofMaxSize(3).map(KeyValue::new);
    }
}
