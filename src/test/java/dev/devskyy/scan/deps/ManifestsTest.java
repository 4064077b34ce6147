package dev.devskyy.scan.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestsTest {
    static Manifests.Read read(String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return Manifests.read(name, data, data.length, name);
    }

    @Test
    void requirementsPinsWithExtrasMarkersHashesAndComments() throws IOException {
        Manifests.Read read = read("requirements.txt", """
                # web
                Django==3.2.1  # LTS
                requests[socks] == 2.19.0 ; python_version >= "3.8" \\
                    --hash=sha256:abc
                Flask_Login===0.6.2
                numpy>=1.24
                -r other.txt
                git+https://example.invalid/x.git#egg=x
                pytest==7.*
                """);
        assertThat(read.dependencies())
                .extracting(Dependency::name, Dependency::version, Dependency::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("django", "3.2.1", 2),
                        org.assertj.core.groups.Tuple.tuple("requests", "2.19.0", 3),
                        org.assertj.core.groups.Tuple.tuple("flask-login", "0.6.2", 5));
        assertThat(read.unpinned()).isEqualTo(2);
    }

    @Test
    void packageLockV3WithNestedScopedAliasedAndLinkedPackages() throws IOException {
        Manifests.Read read = read("package-lock.json", """
                {"name":"shop","lockfileVersion":3,"packages":{
                  "":{"name":"shop","version":"1.0.0"},
                  "node_modules/lodash":{"version":"4.17.20"},
                  "node_modules/@babel/core":{"version":"7.0.0"},
                  "node_modules/a/node_modules/minimist":{"version":"0.0.8"},
                  "node_modules/old":{"name":"left-pad","version":"1.0.0"},
                  "node_modules/local":{"resolved":"../local","link":true}
                }}
                """);
        assertThat(read.dependencies())
                .extracting(Dependency::name, Dependency::version, Dependency::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lodash", "4.17.20", 3),
                        org.assertj.core.groups.Tuple.tuple("@babel/core", "7.0.0", 4),
                        org.assertj.core.groups.Tuple.tuple("minimist", "0.0.8", 5),
                        org.assertj.core.groups.Tuple.tuple("left-pad", "1.0.0", 6));
    }

    @Test
    void packageLockV1NestsDependencies() throws IOException {
        Manifests.Read read = read("package-lock.json", """
                {"lockfileVersion":1,"dependencies":{
                  "express":{"version":"4.16.0","dependencies":{"qs":{"version":"6.5.1"}}},
                  "mine":{"version":"file:../mine"}}}
                """);
        assertThat(read.dependencies())
                .extracting(Dependency::name, Dependency::version)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("express", "4.16.0"),
                        org.assertj.core.groups.Tuple.tuple("qs", "6.5.1"));
    }

    @Test
    void packageJsonExactVersionsOnly() throws IOException {
        Manifests.Read read = read("package.json", """
                {"dependencies":{"lodash":"4.17.20","express":"^4.18.0"},
                 "devDependencies":{"jest":"=29.0.0","ts":"latest"}}
                """);
        assertThat(read.dependencies())
                .extracting(Dependency::name, Dependency::version, Dependency::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lodash", "4.17.20", 1),
                        org.assertj.core.groups.Tuple.tuple("jest", "29.0.0", 2));
        assertThat(read.unpinned()).isEqualTo(2);
    }

    @Test
    void pomWithPropertiesProjectVersionManagedAndRanges() throws IOException {
        Manifests.Read read = read("pom.xml", """
                <project>
                  <groupId>shop</groupId><artifactId>app</artifactId><version>2.0.0</version>
                  <properties><jackson.version>2.9.8</jackson.version></properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId>
                      <version>2.14.1</version></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>com.fasterxml.jackson.core</groupId>
                      <artifactId>jackson-databind</artifactId>
                      <version>${jackson.version}</version>
                    </dependency>
                    <dependency><groupId>shop</groupId><artifactId>lib</artifactId><version>${project.version}</version></dependency>
                    <dependency><groupId>x</groupId><artifactId>ranged</artifactId><version>[1.0,2.0)</version></dependency>
                    <dependency><groupId>x</groupId><artifactId>unknown</artifactId><version>${nowhere}</version></dependency>
                    <dependency><groupId>x</groupId><artifactId>managed</artifactId></dependency>
                  </dependencies>
                </project>
                """);
        assertThat(read.dependencies())
                .extracting(Dependency::name, Dependency::version, Dependency::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("org.apache.logging.log4j:log4j-core", "2.14.1", 5),
                        org.assertj.core.groups.Tuple.tuple("com.fasterxml.jackson.core:jackson-databind", "2.9.8", 9),
                        org.assertj.core.groups.Tuple.tuple("shop:lib", "2.0.0", 14));
        assertThat(read.unpinned()).isEqualTo(3);
    }

    @Test
    void aPomWithAnExternalEntityIsRefused_notResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<project><dependencies><dependency><groupId>&x;</groupId></dependency></dependencies></project>";
        assertThatThrownBy(() -> read("pom.xml", xxe)).isInstanceOf(IOException.class);
    }

    @Test
    void malformedLockFilesAreErrors() {
        assertThatThrownBy(() -> read("package-lock.json", "{\"packages\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("package-lock.json", "[]")).isInstanceOf(IOException.class);
    }
}
