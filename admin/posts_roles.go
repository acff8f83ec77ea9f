package admin

import "github.com/campanile/campanile/store"

// postStaff write and send what the comune publishes: admins and editors.
// Alerting everyone needs more (posts_audience.go).
var postStaff = []store.StaffRole{store.RoleAdmin, store.RoleEditor}
