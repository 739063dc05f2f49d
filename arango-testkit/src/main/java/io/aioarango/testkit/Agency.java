package io.aioarango.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the agency of a fake cluster holds: the DB-Servers (failed, cleaned out, removed), the collections
 * with the servers of each shard, and the agency jobs that move shards. A job moves one step with each
 * request the cluster answers after the one that created it: {@code ToDo}, then {@code Pending}, then
 * {@code Finished} with its effect applied (or {@code Failed} with a reason when it cannot be applied). Every
 * method is synchronized: the coordinators' event loops share one agency.
 */
final class Agency {
    /** What happens to a job when it would finish. */
    enum JobMode {
        /** It finishes, its effect applied. */
        RUN,
        /** It stays {@code Pending}. */
        HOLD,
        /** It fails with the given reason. */
        FAIL
    }

    /** A collection the cluster starts with. */
    record CollectionSpec(String database, String name, int shards, int replicationFactor) {
    }

    /** One collection: its plan id and each shard's servers, the leader first. */
    record Collection(String id, String name, Map<String, List<String>> shards) {
    }

    /**
     * One agency job; its fields beyond these are {@code fields}, in the order the agency writes them. Changed
     * under the agency's lock only; others get a copy.
     */
    static final class Job {
        final String id;
        final String type;
        final Map<String, Object> fields;
        final String creator;
        final Instant created;
        String status = "ToDo";
        String reason;
        Instant started;
        Instant finished;

        Job(String id, String type, Map<String, Object> fields, String creator, Instant created) {
            this.id = id;
            this.type = type;
            this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            this.creator = creator;
            this.created = created;
        }

        private Job copy() {
            Job copy = new Job(id, type, fields, creator, created);
            copy.status = status;
            copy.reason = reason;
            copy.started = started;
            copy.finished = finished;
            return copy;
        }
    }

    private final List<String> initialDbServers;
    private final Map<String, String> shortNames = new LinkedHashMap<>();
    private final List<CollectionSpec> specs;
    private final List<String> dbServers = new ArrayList<>();
    private final Set<String> failed = new LinkedHashSet<>();
    private final Set<String> cleaned = new LinkedHashSet<>();
    private final Map<String, Map<String, Collection>> collections = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private JobMode mode = JobMode.RUN;
    private String failReason;
    private long nextJobId = 12_345_678;

    Agency(List<String> dbServers, List<CollectionSpec> specs) {
        this.initialDbServers = List.copyOf(dbServers);
        this.specs = List.copyOf(specs);
        for (int i = 0; i < dbServers.size(); i++) {
            shortNames.put(dbServers.get(i), String.format("DBServer%04d", i + 1));
        }
        reset();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Back to how the cluster started: every DB-Server in, the collections as built, no job. */
    synchronized void reset() {
        dbServers.clear();
        dbServers.addAll(initialDbServers);
        failed.clear();
        cleaned.clear();
        jobs.clear();
        mode = JobMode.RUN;
        failReason = null;
        collections.clear();
        long id = 10_100;
        for (int c = 0; c < specs.size(); c++, id += 100) {
            CollectionSpec spec = specs.get(c);
            Map<String, List<String>> shards = new LinkedHashMap<>();
            int servers = dbServers.size();
            int copies = Math.min(spec.replicationFactor(), servers);
            for (int s = 0; s < spec.shards(); s++) {
                List<String> holders = new ArrayList<>();
                for (int k = 0; k < copies; k++) {
                    holders.add(dbServers.get((c + s + k) % servers));
                }
                shards.put("s" + (id + 1 + s), holders);
            }
            collections.computeIfAbsent(spec.database(), d -> new LinkedHashMap<>())
                    .put(spec.name(), new Collection(String.valueOf(id), spec.name(), shards));
        }
    }

    synchronized List<String> dbServers() {
        return List.copyOf(dbServers);
    }

    String shortName(String dbServer) {
        return shortNames.getOrDefault(dbServer, dbServer);
    }

    /** The id of a DB-Server of the cluster named by its id or short name, or null. */
    synchronized String resolve(String name) {
        if (dbServers.contains(name)) {
            return name;
        }
        return shortNames.entrySet().stream().filter(e -> e.getValue().equals(name) && dbServers.contains(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    synchronized boolean isFailed(String dbServer) {
        return failed.contains(dbServer);
    }

    synchronized void failed(String dbServer, boolean isFailed) {
        if (isFailed) {
            failed.add(dbServer);
        } else {
            failed.remove(dbServer);
        }
    }

    synchronized List<String> cleanedServers() {
        return List.copyOf(cleaned);
    }

    /** The collections of a database, each shard's servers copied. */
    synchronized List<Collection> collections(String database) {
        List<Collection> copy = new ArrayList<>();
        collections.getOrDefault(database, Map.of()).values().forEach(c -> copy.add(copy(c)));
        return copy;
    }

    synchronized Optional<Collection> collection(String database, String name) {
        Collection found = collections.getOrDefault(database, Map.of()).get(name);
        return Optional.ofNullable(found == null ? null : copy(found));
    }

    private static Collection copy(Collection collection) {
        Map<String, List<String>> shards = new LinkedHashMap<>();
        collection.shards().forEach((shard, servers) -> shards.put(shard, List.copyOf(servers)));
        return new Collection(collection.id(), collection.name(), shards);
    }

    synchronized void jobMode(JobMode next, String reason) {
        mode = next;
        failReason = reason;
    }

    /** Starts a job in {@code ToDo}; returns its id. */
    synchronized String start(String type, Map<String, Object> fields, String creator) {
        String id = String.valueOf(nextJobId++);
        jobs.put(id, new Job(id, type, fields, creator, now()));
        return id;
    }

    /** A copy of the job, as it is now. */
    synchronized Optional<Job> job(String id) {
        Job job = jobs.get(id);
        return Optional.ofNullable(job == null ? null : job.copy());
    }

    /** Aborts a job: null when done, else the error message the server gives. */
    synchronized String cancel(String id) {
        Job job = jobs.get(id);
        if (!job.type.equals("moveShard") && !job.type.equals("cleanOutServer")) {
            return "Only MoveShard and CleanOutServer jobs can be aborted";
        }
        if (job.status.equals("Finished") || job.status.equals("Failed")) {
            return job.status + " jobs can no longer be cancelled.";
        }
        end(job, "Failed", "job aborted by the user");
        return null;
    }

    /** Moves every job that has not ended one step on. */
    synchronized void tick() {
        for (Job job : jobs.values()) {
            if (job.status.equals("ToDo")) {
                job.status = "Pending";
                job.started = now();
            } else if (job.status.equals("Pending") && mode != JobMode.HOLD) {
                String problem = mode == JobMode.FAIL ? failReason : apply(job);
                end(job, problem == null ? "Finished" : "Failed", problem);
            }
        }
    }

    private static void end(Job job, String status, String reason) {
        job.status = status;
        job.reason = reason;
        job.finished = now();
    }

    /** Applies a finished job to the shards: null when done, else why it failed. */
    private String apply(Job job) {
        switch (job.type) {
            case "moveShard":
                return moveShard(job.fields);
            case "cleanOutServer":
                return cleanOut((String) job.fields.get("server"));
            case "resignLeadership":
                resign((String) job.fields.get("server"));
                return null;
            default:
                return null;
        }
    }

    private String moveShard(Map<String, Object> fields) {
        String shard = (String) fields.get("shard");
        String from = (String) fields.get("fromServer");
        String to = (String) fields.get("toServer");
        List<String> servers = shardServers((String) fields.get("database"), shard);
        if (servers == null || !servers.contains(from)) {
            return "shard " + shard + " is not located on server " + from;
        }
        if (servers.contains(to)) {
            return "server " + to + " already holds shard " + shard;
        }
        int position = servers.indexOf(from);
        servers.set(position, to);
        if (position == 0 && Boolean.TRUE.equals(fields.get("remainsFollower"))) {
            servers.add(from);
        }
        return null;
    }

    private List<String> shardServers(String database, String shard) {
        for (Collection collection : collections.getOrDefault(database, Map.of()).values()) {
            if (collection.shards().containsKey(shard)) {
                return collection.shards().get(shard);
            }
        }
        return null;
    }

    /** Every shard off {@code server}, each to a DB-Server that neither holds it nor is failed or cleaned. */
    private String cleanOut(String server) {
        List<Map.Entry<List<String>, String>> moves = new ArrayList<>(); // each shard's servers, and who takes over
        for (Map<String, Collection> database : collections.values()) {
            for (Collection collection : database.values()) {
                for (Map.Entry<String, List<String>> shard : collection.shards().entrySet()) {
                    List<String> servers = shard.getValue();
                    if (!servers.contains(server)) {
                        continue;
                    }
                    String target = dbServers.stream().filter(s -> !servers.contains(s) && !failed.contains(s)
                            && !cleaned.contains(s)).findFirst().orElse(null);
                    if (target == null) {
                        return "no DB-Server left to take shard " + shard.getKey() + " of " + collection.name();
                    }
                    moves.add(Map.entry(servers, target));
                }
            }
        }
        moves.forEach(move -> move.getKey().set(move.getKey().indexOf(server), move.getValue()));
        cleaned.add(server);
        return null;
    }

    /** Every shard {@code server} leads with a follower gets that follower as its leader. */
    private void resign(String server) {
        for (Map<String, Collection> database : collections.values()) {
            for (Collection collection : database.values()) {
                for (List<String> servers : collection.shards().values()) {
                    if (servers.size() > 1 && servers.get(0).equals(server)) {
                        servers.remove(0);
                        servers.add(server);
                    }
                }
            }
        }
    }

    /** Whether a DB-Server holds any shard. */
    private boolean holdsShards(String server) {
        return collections.values().stream().flatMap(database -> database.values().stream())
                .anyMatch(collection -> collection.shards().values().stream().anyMatch(s -> s.contains(server)));
    }

    /** Removes a DB-Server for good: 200, 404 when unknown, 412 when it is not failed or still holds shards. */
    synchronized int remove(String server) {
        if (!dbServers.contains(server)) {
            return 404;
        }
        if (!failed.contains(server) || holdsShards(server)) {
            return 412;
        }
        dbServers.remove(server);
        failed.remove(server);
        return 200;
    }
}
