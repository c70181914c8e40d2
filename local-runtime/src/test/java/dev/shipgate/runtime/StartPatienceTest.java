package dev.shipgate.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartPatienceTest {

    @Test
    void an_unset_factor_keeps_the_limit_and_a_set_one_stretches_it() {
        assertThat(StartPatience.stretch(Duration.ofSeconds(90), null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(StartPatience.stretch(Duration.ofSeconds(90), " ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(StartPatience.stretch(Duration.ofSeconds(90), "2.5")).isEqualTo(Duration.ofSeconds(225));
    }

    @Test
    void a_factor_below_one_or_not_a_number_is_refused_with_the_variable_named() {
        assertThatThrownBy(() -> StartPatience.stretch(Duration.ofSeconds(1), "0.5"))
                .hasMessageContaining("SHIPGATE_START_PATIENCE");
        assertThatThrownBy(() -> StartPatience.stretch(Duration.ofSeconds(1), "slow"))
                .hasMessageContaining("SHIPGATE_START_PATIENCE");
    }
}
