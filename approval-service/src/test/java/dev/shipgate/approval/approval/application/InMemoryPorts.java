package dev.shipgate.approval.approval.application;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.approval.domain.RefusedAttempt;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineReminders;

import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** The small in-memory ports the application services are built on in unit tests (no Spring, no MongoDB). */
final class InMemoryPorts {

    private InMemoryPorts() {
    }

    /** The user directory: people and service accounts with their grants, changeable while a test runs. */
    static final class Directory implements AccessDirectory {
        private final Map<String, EffectiveAccess> users = new ConcurrentHashMap<>();

        Directory person(String id, List<String> groups, Grant... grants) {
            users.put(id, new EffectiveAccess(new User(id, id + "@example.com", id, true, groups, List.of(grants)),
                    List.of(grants)));
            return this;
        }

        Directory serviceAccount(String id, Grant... grants) {
            users.put(id, new EffectiveAccess(new User(id, id + "@example.com", id, true, List.of(),
                    List.of(grants), true), List.of(grants)));
            return this;
        }

        void remove(String id) {
            users.remove(id);
        }

        @Override
        public Optional<EffectiveAccess> find(String userId) {
            return Optional.ofNullable(users.get(userId));
        }

        @Override
        public List<EffectiveAccess> all() {
            return new ArrayList<>(users.values());
        }
    }

    static final class InMemoryPipelineReplica implements PipelineReplica {
        private final Map<String, ReplicatedPipeline> byId = new ConcurrentHashMap<>();

        @Override
        public void save(ReplicatedPipeline pipeline) {
            byId.put(pipeline.id(), pipeline);
        }

        @Override
        public Optional<ReplicatedPipeline> find(String pipelineId) {
            return Optional.ofNullable(byId.get(pipelineId)).filter(pipeline -> !pipeline.deleted());
        }

        @Override
        public Map<String, PipelineReminders> ownReminders() {
            return byId.values().stream().filter(pipeline -> !pipeline.deleted() && pipeline.reminders() != null)
                    .collect(Collectors.toMap(ReplicatedPipeline::id, ReplicatedPipeline::reminders));
        }
    }

    static final class InMemoryImages implements Images {
        private final Map<String, Image> byDigest = new ConcurrentHashMap<>();

        @Override
        public Image record(Image image) {
            return byDigest.merge(image.digest(), image, (first, later) -> first);
        }

        @Override
        public Image recordAndPublish(Image image, ImageBuilt event) {
            return record(image);
        }

        @Override
        public Optional<Image> find(String digest) {
            return Optional.ofNullable(byDigest.get(digest));
        }

        @Override
        public List<Image> findAll(java.util.Collection<String> digests) {
            return digests.stream().map(byDigest::get).filter(java.util.Objects::nonNull).toList();
        }

        @Override
        public ListPage<Image> list(ImageFilter filter, PageAt at) {
            List<Image> all = byDigest.values().stream()
                    .filter(image -> image.application().equals(filter.application()))
                    .filter(image -> filter.tag() == null || image.tag().contains(filter.tag()))
                    .filter(image -> filter.text() == null || image.tag().contains(filter.text())
                            || image.digest().contains(filter.text()))
                    .filter(image -> !image.digest().equals(filter.except()))
                    .sorted(java.util.Comparator.comparing(Image::builtAt).thenComparing(Image::digest).reversed())
                    .toList();
            return InMemoryPages.page(all, at, image -> new Cursor(image.builtAt(), image.digest()));
        }

        @Override
        public List<String> digestsOfCommit(String prefix, int limit) {
            return byDigest.values().stream().filter(image -> image.commit() != null
                    && image.commit().startsWith(prefix)).map(Image::digest).limit(limit).toList();
        }
    }

    static final class InMemoryRefusedAttempts implements RefusedAttempts {
        final List<RefusedAttempt> recorded = new CopyOnWriteArrayList<>();

        @Override
        public void record(RefusedAttempt attempt) {
            recorded.add(attempt);
        }

        @Override
        public List<RefusedAttempt> forRequest(String requestId, int limit) {
            return recorded.stream().filter(attempt -> attempt.requestId().equals(requestId)).toList();
        }
    }
}
