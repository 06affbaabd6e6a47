/** The agent's transport over HTTP(S) on the JDK HttpClient. */
package io.pitwall.agent.http;
