// The only namespaces the pure core imports everywhere; no I/O, no networking, no threading.
global using System;
global using System.Collections.Generic;
global using System.Linq;
