// Command mangospeer is a small SP peer built on mangos v3 (the NNG
// implementation eKuiper uses). Its flags follow nngcat's so that tests can
// drive both the same way. It prints one line per event on stdout:
//
//	ready            listening, or dialing started
//	recv <hex>       a message body was received
//	sent <n>         the n-th message was sent (1-based)
//	error <text>     something failed (the exit code is then non-zero)
package main

import (
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.nanomsg.org/mangos/v3"
	"go.nanomsg.org/mangos/v3/protocol/pull"
	"go.nanomsg.org/mangos/v3/protocol/push"
	"go.nanomsg.org/mangos/v3/protocol/rep"
	"go.nanomsg.org/mangos/v3/protocol/req"
	_ "go.nanomsg.org/mangos/v3/transport/ipc"
	_ "go.nanomsg.org/mangos/v3/transport/tcp"
)

const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

var outMu sync.Mutex

// emit writes one event line to stdout. os.Stdout is unbuffered, so each
// line reaches the reader as soon as it is written.
func emit(format string, args ...interface{}) {
	outMu.Lock()
	defer outMu.Unlock()
	fmt.Fprintf(os.Stdout, format+"\n", args...)
}

type options struct {
	req0, rep0, push0, pull0 bool
	dial, listen             string
	data, dataHex            string
	dataSet                  bool
	count                    int
	recvTimeout, sendTimeout int
	repEcho                  bool
	size                     int
	interval                 int
	linger                   int
}

func parseFlags() (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("mangospeer", flag.ContinueOnError)
	fs.BoolVar(&o.req0, "req0", false, "REQ version 0 socket")
	fs.BoolVar(&o.rep0, "rep0", false, "REP version 0 socket")
	fs.BoolVar(&o.push0, "push0", false, "PUSH version 0 socket")
	fs.BoolVar(&o.pull0, "pull0", false, "PULL version 0 socket")
	fs.StringVar(&o.dial, "dial", "", "dial URL (ipc:///path or tcp://host:port), asynchronously")
	fs.StringVar(&o.listen, "listen", "", "listen URL (ipc:///path or tcp://host:port)")
	fs.StringVar(&o.data, "data", "", "payload text (REQ: each request, REP: reply, PUSH: each message)")
	fs.StringVar(&o.dataHex, "data-hex", "", "payload as hex, instead of --data")
	fs.IntVar(&o.count, "count", 0, "messages to send (PUSH/REQ) or receive (PULL/REP); 0 = forever")
	fs.IntVar(&o.recvTimeout, "recv-timeout", 0, "receive deadline in ms (0 = none)")
	fs.IntVar(&o.sendTimeout, "send-timeout", 0, "send deadline in ms (0 = none)")
	fs.BoolVar(&o.repEcho, "rep-echo", false, "REP: reply with the request body")
	fs.IntVar(&o.size, "size", -1, "PUSH/REQ: send a payload of this many bytes (byte i = i % 251)")
	fs.IntVar(&o.interval, "interval", 0, "PUSH/REQ: pause in ms between sends")
	fs.IntVar(&o.linger, "linger", 500, "PUSH: ms to wait after the last send before closing")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "data" || f.Name == "data-hex" {
			o.dataSet = true
		}
	})
	n := 0
	for _, b := range []bool{o.req0, o.rep0, o.push0, o.pull0} {
		if b {
			n++
		}
	}
	if n != 1 {
		return nil, errors.New("exactly one of --req0 --rep0 --push0 --pull0 is required")
	}
	if (o.dial == "") == (o.listen == "") {
		return nil, errors.New("exactly one of --dial URL / --listen URL is required")
	}
	if o.data != "" && o.dataHex != "" {
		return nil, errors.New("--data and --data-hex are exclusive")
	}
	if o.count < 0 || o.recvTimeout < 0 || o.sendTimeout < 0 || o.interval < 0 || o.linger < 0 {
		return nil, errors.New("negative values are not allowed")
	}
	if o.rep0 && !o.repEcho && !o.dataSet {
		return nil, errors.New("--rep0 needs --data, --data-hex or --rep-echo")
	}
	if (o.req0 || o.push0) && !o.dataSet && o.size < 0 {
		return nil, errors.New("--req0/--push0 need --data, --data-hex or --size")
	}
	return o, nil
}

func (o *options) payload() ([]byte, error) {
	if o.size >= 0 {
		b := make([]byte, o.size)
		for i := range b {
			b[i] = byte(i % 251)
		}
		return b, nil
	}
	if o.dataHex != "" {
		return hex.DecodeString(strings.ReplaceAll(o.dataHex, " ", ""))
	}
	return []byte(o.data), nil
}

func newSocket(o *options) (mangos.Socket, error) {
	switch {
	case o.req0:
		return req.NewSocket()
	case o.rep0:
		return rep.NewSocket()
	case o.push0:
		return push.NewSocket()
	default:
		return pull.NewSocket()
	}
}

func ms(v int) time.Duration { return time.Duration(v) * time.Millisecond }

func setup(o *options) (mangos.Socket, error) {
	sock, err := newSocket(o)
	if err != nil {
		return nil, err
	}
	// eKuiper sets no receive limit on any socket (mangos defaults to 1 MiB).
	if err = sock.SetOption(mangos.OptionMaxRecvSize, 0); err != nil {
		return nil, fmt.Errorf("max recv size: %w", err)
	}
	if o.recvTimeout > 0 && !o.push0 {
		if err = sock.SetOption(mangos.OptionRecvDeadline, ms(o.recvTimeout)); err != nil {
			return nil, fmt.Errorf("recv deadline: %w", err)
		}
	}
	if o.sendTimeout > 0 && !o.pull0 {
		if err = sock.SetOption(mangos.OptionSendDeadline, ms(o.sendTimeout)); err != nil {
			return nil, fmt.Errorf("send deadline: %w", err)
		}
	}
	if o.req0 {
		// As eKuiper's SDK peers: no automatic resend of a request.
		if err = sock.SetOption(mangos.OptionRetryTime, time.Duration(0)); err != nil {
			return nil, fmt.Errorf("retry time: %w", err)
		}
	}
	if o.listen != "" {
		if err = sock.Listen(o.listen); err != nil {
			return nil, fmt.Errorf("listen %s: %w", o.listen, err)
		}
		return sock, nil
	}
	err = sock.DialOptions(o.dial, map[string]interface{}{
		mangos.OptionDialAsynch:       true,
		mangos.OptionReconnectTime:    100 * time.Millisecond,
		mangos.OptionMaxReconnectTime: 5 * time.Second,
	})
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", o.dial, err)
	}
	return sock, nil
}

func more(count, done int) bool { return count == 0 || done < count }

func run(o *options, sock mangos.Socket) error {
	switch {
	case o.pull0:
		for n := 0; more(o.count, n); n++ {
			m, err := sock.Recv()
			if err != nil {
				return fmt.Errorf("recv: %w", err)
			}
			emit("recv %s", hex.EncodeToString(m))
		}
	case o.rep0:
		reply, err := o.payload()
		if err != nil {
			return err
		}
		for n := 0; more(o.count, n); n++ {
			m, err := sock.Recv()
			if err != nil {
				return fmt.Errorf("recv: %w", err)
			}
			emit("recv %s", hex.EncodeToString(m))
			body := reply
			if o.repEcho {
				body = m
			}
			if err = sock.Send(body); err != nil {
				return fmt.Errorf("send: %w", err)
			}
			emit("sent %d", n+1)
		}
	case o.push0, o.req0:
		body, err := o.payload()
		if err != nil {
			return err
		}
		for n := 0; more(o.count, n); n++ {
			if n > 0 && o.interval > 0 {
				time.Sleep(ms(o.interval))
			}
			if err = sock.Send(body); err != nil {
				return fmt.Errorf("send: %w", err)
			}
			emit("sent %d", n+1)
			if o.req0 {
				m, err := sock.Recv()
				if err != nil {
					return fmt.Errorf("recv: %w", err)
				}
				emit("recv %s", hex.EncodeToString(m))
			}
		}
		if o.push0 {
			// Closing a mangos PUSH drops what is still queued; give the
			// sender a moment to flush.
			time.Sleep(ms(o.linger))
		}
	}
	return nil
}

func main() {
	o, err := parseFlags()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(exitOK)
		}
		emit("error %s", err)
		os.Exit(exitUsage)
	}
	sock, err := setup(o)
	if err != nil {
		emit("error %s", err)
		os.Exit(exitFailure)
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		s := <-sigs
		// Closing the socket also removes the ipc socket file of a listener.
		_ = sock.Close()
		emit("error signal %s", s)
		os.Exit(128 + int(s.(syscall.Signal)))
	}()
	emit("ready")
	err = run(o, sock)
	_ = sock.Close()
	if err != nil {
		emit("error %s", err)
		os.Exit(exitFailure)
	}
	os.Exit(exitOK)
}
