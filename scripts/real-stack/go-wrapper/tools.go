//go:build tools

package dfwrap

import (
	_ "d7y.io/dragonfly/v2/cmd/manager"
	_ "d7y.io/dragonfly/v2/cmd/scheduler"
)
