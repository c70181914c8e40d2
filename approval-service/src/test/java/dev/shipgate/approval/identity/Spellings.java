package dev.shipgate.approval.identity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/**
 * Other spellings of one user, as people, CI systems and identity providers write them (issue 15, item 2): any mix
 * of upper and lower case, full-width compatibility letters (which NFKC folds to plain ones), white space around
 * (including no-break and ideographic spaces), and the user's e-mail address spelled the same ways.
 */
public final class Spellings {

    private static final List<String> SPACES = List.of("", " ", "  ", "\t", "\n", "\u00A0", "\u3000");

    private Spellings() {
    }

    /** Spellings of {@code canonicalId}, or of {@code email} when it is not null. */
    public static Arbitrary<String> of(String canonicalId, String email) {
        Arbitrary<String> text = email == null ? Arbitraries.just(canonicalId)
                : Arbitraries.of(canonicalId, email);
        return text.flatMap(Spellings::respelled);
    }

    /** Spellings of the id alone, never the address. */
    public static Arbitrary<String> ofId(String canonicalId) {
        return respelled(canonicalId);
    }

    private static Arbitrary<String> respelled(String plain) {
        Arbitrary<String> body = Arbitraries.integers().between(0, 2).list().ofSize(plain.length())
                .map(forms -> {
                    StringBuilder spelled = new StringBuilder();
                    for (int i = 0; i < plain.length(); i++) {
                        spelled.append(form(plain.charAt(i), forms.get(i)));
                    }
                    return spelled.toString();
                });
        Arbitrary<String> space = Arbitraries.of(SPACES);
        return Combinators.combine(space, body, space).as((before, middle, after) -> before + middle + after);
    }

    /** 0: lower case, 1: upper case, 2: the full-width form of the upper or lower case letter. */
    private static String form(char c, int kind) {
        return switch (kind) {
            case 0 -> String.valueOf(Character.toLowerCase(c));
            case 1 -> String.valueOf(Character.toUpperCase(c));
            default -> c > 0x20 && c < 0x7F ? String.valueOf((char) (Character.toUpperCase(c) + 0xFEE0))
                    : String.valueOf(c);
        };
    }
}
