package dev.shipgate.support.config;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Every service refuses to start with {@link RetiredSettings} given. */
@AutoConfiguration
public class RetiredSettingsConfiguration {

    @Bean
    InitializingBean retiredSettingsRefused(Environment environment) {
        return () -> RetiredSettings.refuse(Binder.get(environment));
    }
}
