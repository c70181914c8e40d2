package dev.shipgate.deploy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** deploy-service: CD pipelines, deployments and their timelines; runs the deployment targets. */
@SpringBootApplication
@EnableScheduling
public class DeployServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeployServiceApplication.class, args);
    }
}
