package dev.shipgate.gateway;

import dev.shipgate.testing.ServiceCanvas;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/** gateway/README.md is the canvas generated from the code and the contract documents (ServiceCanvas). */
class CanvasTest {

    @Test
    void the_readme_is_the_canvas_the_code_gives() throws IOException {
        ServiceCanvas.assertCurrent("gateway", "dev.shipgate.gateway");
    }
}
