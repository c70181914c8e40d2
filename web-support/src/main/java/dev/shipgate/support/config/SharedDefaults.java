package dev.shipgate.support.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;

/**
 * The settings every Shipgate process shares, written once: each {@value #FILE} on the class path (web-support's for
 * all four processes, service-support's for the three services) becomes a property source below every other, so a
 * service's application.yml or environment overrides any of it. ServiceCanvas lists them in each service's canvas.
 */
public class SharedDefaults implements EnvironmentPostProcessor {

    /** The name of a module's shared defaults file, at the root of its class path. */
    public static final String FILE = "shipgate-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
            for (URL url : Collections.list(SharedDefaults.class.getClassLoader().getResources(FILE))) {
                for (PropertySource<?> source : yaml.load("shipgate-defaults " + url, new UrlResource(url))) {
                    environment.getPropertySources().addLast(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}
