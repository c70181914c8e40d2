package dev.shipgate.runtime;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.h2.mvstore.WriteBuffer;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a document holds comes back from its stored bytes equal, in the same key order. */
class BsonDocumentTypeProperties {

    @Property(tries = 300)
    void aDocumentReadBackFromItsBytesIsEqual(@ForAll("documents") Document document) {
        WriteBuffer out = new WriteBuffer();
        out.put((byte) 7); // a value rarely starts a page: read from where it starts
        BsonDocumentType.INSTANCE.write(out, document);
        out.put((byte) 9);
        ByteBuffer in = out.getBuffer().flip();
        in.get();

        Document read = BsonDocumentType.INSTANCE.read(in);

        assertThat(read).isEqualTo(document);
        assertThat(new ArrayList<>(read.keySet())).isEqualTo(new ArrayList<>(document.keySet()));
        assertThat(in.get()).as("reads exactly its own bytes").isEqualTo((byte) 9);
        assertThat(BsonDocumentType.INSTANCE.getMemory(document)).isPositive();
    }

    @Provide
    Arbitrary<Document> documents() {
        return document(3);
    }

    private static Arbitrary<Document> document(int depth) {
        Arbitrary<Object> value = depth == 0 ? scalars() : Arbitraries.oneOf(scalars(), scalars(), scalars(),
                document(depth - 1).map(Object.class::cast), list(depth - 1));
        return Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(key -> key.indexOf(0) < 0),
                        value).ofMaxSize(6)
                .map(entries -> {
                    Document document = new Document();
                    entries.forEach(document::put);
                    return document;
                });
    }

    private static Arbitrary<Object> list(int depth) {
        Arbitrary<Object> element = depth == 0 ? scalars()
                : Arbitraries.oneOf(scalars(), document(depth - 1).map(Object.class::cast));
        return element.list().ofMaxSize(5).map(elements -> (Object) new ArrayList<>(elements));
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.strings().ofMaxLength(40).filter(text -> text.indexOf(0) < 0).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_000L)
                        .map(millis -> (Object) Instant.ofEpochMilli(millis)),
                Arbitraries.just(new ObjectId()).map(Object.class::cast),
                Arbitraries.just(null)));
    }
}
