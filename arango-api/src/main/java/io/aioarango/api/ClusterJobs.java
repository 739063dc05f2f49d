package io.aioarango.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The part of the {@link Cluster} API that changes where data lives: each call starts an agency job on
 * the cluster (or removes a server), and the futures complete once the cluster accepted it. Use it through
 * {@link Cluster}, which extends it; arguments are checked as there.
 */
public interface ClusterJobs {

    /**
     * Moves one shard to another DB-Server ({@code POST /_admin/cluster/moveShard}). The cluster runs the
     * move as an agency job; the future completes once it accepted the job (202), with the job's id to follow
     * with {@link #job(String)} or {@link #awaitJob(String, Duration)}. Not idempotent: once it may have
     * reached a coordinator it is not sent to another.
     *
     * @param database        the collection's database, e.g. {@code _system}
     * @param collection      the collection's name, e.g. {@code orders}
     * @param shard           the shard's id, e.g. {@code s10153}, from {@link Cluster#databaseInventory(String)}
     * @param fromServer      the DB-Server that holds the shard, by id ({@code PRMR-...}) or short name
     *                        ({@code DBServer0001})
     * @param toServer        the DB-Server to move it to, by id or short name; not {@code fromServer}
     * @param remainsFollower when {@code fromServer} leads the shard: whether it stays as a follower
     * @return a future of the job's id, e.g. {@code 12345678}
     * @throws IllegalArgumentException if {@code database} is not a valid database name, {@code collection},
     *             {@code shard}, {@code fromServer} or {@code toServer} is {@code null} or blank, or the two
     *             servers are the same
     */
    CompletableFuture<String> moveShard(String database, String collection, String shard, String fromServer,
            String toServer, boolean remainsFollower);

    /**
     * Starts to move every shard off a DB-Server, so that it can be removed ({@code POST
     * /_admin/cluster/cleanOutServer} with {@code {"server":id}}). The future completes once the cluster
     * accepted the agency job (202). Not idempotent. {@link #drainServer(String, Duration)} also waits until
     * the server is cleaned out.
     *
     * @param serverId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}, or its short name
     * @return a future of the job's id
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<String> cleanOutServer(String serverId);

    /**
     * Whether a DB-Server is cleaned out: listed in {@code cleanedServers} of {@code GET
     * /_admin/cluster/numberOfServers}.
     *
     * @param serverId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}; the list holds ids, not short names
     * @return a future of {@code true} if the server is listed
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<Boolean> isCleanedOut(String serverId);

    /**
     * Hands the leadership of every shard a DB-Server leads to one of the shard's followers ({@code POST
     * /_admin/cluster/resignLeadership} with {@code {"server":id}}), e.g. before a restart. The future
     * completes once the cluster accepted the agency job (202). Not idempotent.
     *
     * @param serverId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}, or its short name
     * @return a future of the job's id
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<String> resignLeadership(String serverId);

    /**
     * Removes a server from the cluster for good ({@code POST /_admin/cluster/removeServer} with the id as a
     * JSON string). The server must be down ({@code FAILED} in {@link Cluster#health()}) and hold no shard (clean it
     * out first). The coordinator retries for up to about a minute before it gives up; a request timeout
     * shorter than that ends the call first. Not idempotent.
     *
     * @param serverId the server's id, e.g. {@code PRMR-wbsq47rz}, or its short name
     * @return a future that completes (with {@code null}) once the server is removed (200, with an empty
     *         body); it fails with {@link ArangoServerException} of status 412 when the server may not be
     *         removed (it is not down, or still holds shards), and of status 404 when the cluster does not
     *         know it
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}
     */
    CompletableFuture<Void> removeServer(String serverId);

    /**
     * The state of an agency job ({@code GET /_admin/cluster/queryAgencyJob?id=}).
     *
     * @param jobId the job's id, as {@link #moveShard}, {@link #cleanOutServer(String)} or
     *              {@link #resignLeadership(String)} returned it
     * @return a future of the job; it fails with {@link ArangoServerException} of status 404 when no job has
     *         that id (the agency forgets finished jobs after a while)
     * @throws IllegalArgumentException if {@code jobId} is {@code null} or blank
     */
    CompletableFuture<AgencyJob> job(String jobId);

    /**
     * Aborts an agency job ({@code POST /_admin/cluster/cancelAgencyJob} with {@code {"id":jobId}}); it then
     * ends as {@link AgencyJobStatus#FAILED}. Only shard moves and clean-outs that have not ended can be
     * aborted; the server answers 400 for others. Not idempotent.
     *
     * @param jobId the job's id
     * @return a future that completes (with {@code null}) once the job is aborted
     * @throws IllegalArgumentException if {@code jobId} is {@code null} or blank
     */
    CompletableFuture<Void> cancelJob(String jobId);

    /**
     * Waits for an agency job to end, asking {@link #job(String)} at once and then after pauses that double
     * from the client's {@code jobPolling} interval up to its maximum (by default 250 ms to 5 s); near the
     * timeout a pause is cut to half the time left, never below the first, so that each answer can come in
     * time. No thread
     * waits meanwhile: the next question is scheduled on a timer of the client, which ends with it. A
     * question that fails because no coordinator could answer (a connection failure, a timeout, a 503) is
     * asked again later; any other failure ends the wait with it.
     *
     * <p>Cancelling the future, or the timeout passing, ends the wait, not the job, which goes on in the
     * cluster ({@link #cancelJob(String)} aborts it). Closing the client fails the future with
     * {@link IllegalStateException}.
     *
     * @param jobId   the job's id
     * @param timeout how long to wait at most, from this call (a timeout beyond a century waits a century)
     * @return a future of the job once {@link AgencyJobStatus#FINISHED}; it fails with
     *         {@link AgencyJobFailedException} (carrying the job and its reason) when the job failed, and with
     *         {@link AgencyJobTimeoutException} when the timeout passed first
     * @throws IllegalArgumentException if {@code jobId} is {@code null} or blank, or {@code timeout} is
     *             {@code null}, zero or negative
     */
    CompletableFuture<AgencyJob> awaitJob(String jobId, Duration timeout);

    /**
     * Cleans out a DB-Server and waits until it is cleaned out: {@link #cleanOutServer(String)}, then
     * {@link #awaitJob(String, Duration)}, then {@link #isCleanedOut(String)} until the server is listed, all
     * within one timeout. The one call to make before a machine goes away; then stop the server and
     * {@link #removeServer(String)} it. The timeout bounds the waits; the first request, like any, is bounded
     * by the client's request timeout. Cancelling the future, or the timeout passing, ends the wait, not the
     * clean-out ({@link AgencyJobTimeoutException#jobId()} names the job to {@link #cancelJob(String)}).
     *
     * @param serverId the DB-Server's id, e.g. {@code PRMR-wbsq47rz}, or its short name (the wait for the
     *                 cleaned-out list then uses the id the job names)
     * @param timeout  how long the whole drain may take, from this call; when it passes, only the wait ends
     * @return a future of the finished clean-out job; it fails as {@link #cleanOutServer(String)} and
     *         {@link #awaitJob(String, Duration)} do
     * @throws IllegalArgumentException if {@code serverId} is {@code null}, blank, {@code .} or {@code ..}, or
     *             {@code timeout} is {@code null}, zero or negative
     */
    CompletableFuture<AgencyJob> drainServer(String serverId, Duration timeout);
}
