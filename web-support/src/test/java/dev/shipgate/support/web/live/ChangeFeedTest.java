package dev.shipgate.support.web.live;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeFeedTest {

    /** What the database holds, as the fingerprint of each key; every instance reads the same. */
    private final Map<String, String> stored = new HashMap<>();
    private final ChangeFeed<String> feed = new ChangeFeed<>(key -> {
        if (stored.get(key) == null) {
            throw new IllegalStateException("database away");
        }
        return stored.get(key);
    }, 3, null);

    static final class Counting implements ChangeFeed.Listener {
        int changes;
        int idles;
        boolean gone;

        @Override
        public boolean changed() {
            changes++;
            return !gone;
        }

        @Override
        public boolean idle() {
            idles++;
            return !gone;
        }
    }

    @Test
    void a_listener_hears_of_each_change_to_its_key_once_and_of_nothing_else() {
        stored.put("payments-prod", "d1:1");
        stored.put("payments-dev", "d9:1");
        Counting prod = new Counting();
        feed.listen("payments-prod", prod);
        feed.listen("payments-dev", new Counting());

        feed.poll();
        assertThat(prod.changes).isZero();
        stored.put("payments-dev", "d9:2"); // another pipeline
        feed.poll();
        assertThat(prod.changes).isZero();
        stored.put("payments-prod", "d1:2"); // written by another instance: only the shared store says so
        feed.poll();
        feed.poll();
        assertThat(prod.changes).isEqualTo(1);
    }

    @Test
    void a_failed_read_is_no_change_and_the_next_good_one_is_compared_with_the_last_good_one() {
        stored.put("p", "a");
        Counting listener = new Counting();
        feed.listen("p", listener);
        stored.remove("p");
        feed.poll();
        stored.put("p", "a");
        feed.poll();
        assertThat(listener.changes).isZero();
        stored.put("p", "b");
        feed.poll();
        assertThat(listener.changes).isEqualTo(1);
    }

    @Test
    void quiet_listeners_get_a_keep_alive_every_few_polls_and_gone_ones_are_dropped() {
        stored.put("p", "a");
        Counting listener = new Counting();
        feed.listen("p", listener);
        feed.poll();
        feed.poll();
        feed.poll();
        assertThat(listener.idles).isEqualTo(1);
        listener.gone = true;
        feed.poll();
        feed.poll();
        feed.poll();
        assertThat(feed.watchedKeys()).isZero();
    }

    @Test
    void stopping_the_last_listener_stops_reading_its_key() {
        stored.put("p", "a");
        Runnable stop = feed.listen("p", new Counting());
        Runnable other = feed.listen("p", new Counting());
        stop.run();
        stop.run();
        assertThat(feed.watchedKeys()).isEqualTo(1);
        other.run();
        assertThat(feed.watchedKeys()).isZero();
    }
}
