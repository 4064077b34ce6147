# What the benchmark scripts share; each sources it after its cd (. bench/lib.sh from the project's
# root, . ../lib.sh from a folder of bench/).

# The median of the numbers on stdin, one per line (the upper one of an even count's middle two).
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
