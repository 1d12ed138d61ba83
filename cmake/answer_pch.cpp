// An empty source: the target it belongs to only exists to build the precompiled header that
// every exercise's answer program reuses (JSON and Eigen are most of their compile time).
