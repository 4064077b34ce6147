package dev.devskyy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The addresses a server-side request forgery aims at, each in every form that carries it. */
class SpecialAddressesTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1|loopback",
                "127.255.255.254|loopback",
                "0.0.0.0|unspecified",
                "10.1.2.3|private",
                "172.16.0.1|private",
                "172.31.255.255|private",
                "192.168.1.1|private",
                "100.64.0.1|carrier-grade",
                "169.254.169.254|link-local",
                "192.0.0.170|reserved",
                "192.0.2.1|reserved",
                "198.18.0.1|reserved",
                "198.51.100.7|reserved",
                "203.0.113.9|reserved",
                "224.0.0.1|multicast",
                "240.0.0.1|reserved",
                "255.255.255.255|reserved",
                "::1|loopback",
                "::|unspecified",
                "::ffff:127.0.0.1|loopback",
                "::ffff:169.254.169.254|link-local",
                "::127.0.0.1|loopback",
                "64:ff9b::a9fe:a9fe|link-local",
                "2002:7f00:1::|loopback",
                "fd00:ec2::254|unique-local",
                "fc00::1|unique-local",
                "fe80::1|link-local",
                "fec0::1|site-local",
                "ff02::1|multicast",
                "2001:db8::1|documentation",
                "100::1|discard",
                "2001:0:4136:e378::1|Teredo",
                "::ffff:0:127.0.0.1|loopback",
                "192.88.99.1|reserved",
                "2001:2::1|benchmarking",
                "2001:10::1|ORCHID",
                "2001:20::1|ORCHID"
            })
    void addressesOffThePublicInternetAreNamedWithWhy(String address, String reason) throws UnknownHostException {
        assertThat(SpecialAddresses.reason(InetAddress.getByName(address)))
                .hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @Test
    void anIpv4MappedAddressHeldAsIpv6IsJudgedByItsIpv4() throws UnknownHostException {
        byte[] mapped = {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254
        };
        InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(address).isInstanceOf(java.net.Inet6Address.class);
        assertThat(SpecialAddresses.reason(address))
                .hasValueSatisfying(r -> assertThat(r).contains("link-local"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "172.32.0.1",
                "172.15.255.255",
                "100.128.0.1",
                "169.255.0.1",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "64:ff9b::808:808"
            })
    void publicAddressesPass(String address) throws UnknownHostException {
        assertThat(SpecialAddresses.reason(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, 127.0.0.1", "::1, 0:0:0:0:0:0:0:1", "fd00:ec2::254, fd00:ec2:0:0:0:0:0:254"})
    void anIpLiteralIsReadWithoutDns(String host, String expected) {
        assertThat(SpecialAddresses.literal(host))
                .hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "127.1", "2130706433", "256.0.0.1", "1.2.3.4.5", "::g", ""})
    void aNameOrAnAmbiguousNumberIsNoLiteral(String host) {
        assertThat(SpecialAddresses.literal(host)).isEmpty();
    }
}
