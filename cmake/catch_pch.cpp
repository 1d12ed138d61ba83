// An empty source: the target it belongs to only exists to build the precompiled header that
// every exercise grading program reuses (catch.hpp is most of their compile time).
