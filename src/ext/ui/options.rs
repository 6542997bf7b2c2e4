//! The options page. (Filled in by the next commit.)
