#!/bin/sh
kubeadm join 10.0.0.10:6443 --token ddojc6.0b6tf1vydrba9j08 --discovery-token-ca-cert-hash sha256:7949bd25f8ede819ce5ea4e161e7a31f6b8fa5d4d68728b63b6c1981a3a67149
