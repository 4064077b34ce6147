#!/bin/sh
kubeadm join 10.0.1.10:6443 --token ekv3uo.b3mao7nzj9bw7psi --discovery-token-ca-cert-hash sha256:d7925dd4f58f133184c700889d7f60e34118be1f88ff3955a259748aff8e035c
