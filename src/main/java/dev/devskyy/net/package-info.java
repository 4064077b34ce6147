/**
 * Guarded HTTP, a base every layer may use, as {@code io/} is for files: {@link
 * dev.devskyy.net.WebAddress} is a URL devskyy will fetch, {@link dev.devskyy.net.SpecialAddresses}
 * names the addresses that are not the public internet, and {@link dev.devskyy.net.HttpFetch}
 * makes one request at a time to an address a {@link dev.devskyy.net.HttpFetch.Gate} has checked,
 * on a connection to exactly that address, reading within bounds. What it cannot do is an
 * {@link dev.devskyy.net.HttpFailure}, in words safe to show. Imports no other devskyy package.
 */
package dev.devskyy.net;
