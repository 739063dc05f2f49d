package io.aioarango.examples.readme

import io.aioarango.api.Cluster
import kotlinx.coroutines.future.await

/** Kotlin: await() suspends until the answer, and cancelling the coroutine cancels the request. */
suspend fun serverId(cluster: Cluster): String = cluster.serverId().await()
