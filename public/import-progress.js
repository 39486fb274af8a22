// A running directory import: the page reloads every two seconds until the report is there.
setTimeout(() => window.location.reload(), 2000);
