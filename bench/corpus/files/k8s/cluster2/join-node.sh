#!/bin/sh
kubeadm join 10.0.2.10:6443 --token gqlgla.6ks3ezbacm9r1vqo --discovery-token-ca-cert-hash sha256:f1188d61e14898d48ef3f1fce5f61a559347233fee32ed693db0a22280fe7859
