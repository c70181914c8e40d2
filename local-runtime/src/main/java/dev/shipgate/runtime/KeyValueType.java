package dev.shipgate.runtime;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * The keys of a unique index (mongo-java-server's {@link KeyValue}: the indexed fields' values of one document),
 * stored as a BSON document {@code {"k": [values]}} and ordered without serialising them. H2's default compared two
 * such keys by Java-serialising both at every step of every index search: the largest single cost of the database
 * server under load. The order: fewer values first, then value by value, a value's own order where both are of one
 * comparable class, else by class name, else by their BSON bytes; two keys compare equal exactly when
 * {@link KeyValue#equals} says so, which is all a unique index asks of it.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    static final KeyValueType INSTANCE = new KeyValueType();
    private static final String VALUES = "k";

    private KeyValueType() {
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        BsonDocumentType.INSTANCE.write(buffer, wrap(key));
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return new KeyValue((Collection<?>) BsonDocumentType.INSTANCE.read(buffer).get(VALUES));
    }

    @Override
    public int getMemory(KeyValue key) {
        return BsonDocumentType.INSTANCE.getMemory(wrap(key));
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        for (int i = 0; i < a.size(); i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        if (a instanceof Comparable comparable) {
            int order = comparable.compareTo(b);
            if (order != 0) {
                return order;
            }
        }
        return Arrays.compareUnsigned(bson(a), bson(b)); // documents, lists, binaries
    }

    private static byte[] bson(Object value) {
        ByteBuf buffer = Unpooled.buffer(64);
        BsonEncoder.encodeDocument(new Document(VALUES, value), buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

    private static Document wrap(KeyValue key) {
        return new Document(VALUES, new ArrayList<>(key.stream().toList()));
    }
}
