# One image per service, built from this repository: docker build --build-arg SERVICE=approval-service .
# (docker-compose.yml builds all four.)
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE=gateway
WORKDIR /src
COPY . .
RUN mvn -B -q -ntp -DskipTests -pl ${SERVICE} -am package
RUN cp /src/${SERVICE}/target/${SERVICE}-*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 shipgate
USER 10001
COPY --from=build /app.jar /app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app.jar"]
