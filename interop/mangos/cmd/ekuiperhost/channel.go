package main

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"go.nanomsg.org/mangos/v3"
	"go.nanomsg.org/mangos/v3/protocol/pull"
	"go.nanomsg.org/mangos/v3/protocol/push"
	"go.nanomsg.org/mangos/v3/protocol/rep"
	_ "go.nanomsg.org/mangos/v3/transport/ipc"
)

// Socket settings of eKuiper's host with the shipped etc/kuiper.yaml.
const (
	controlRecvDeadline = time.Hour
	ackRecvDeadline     = time.Second
	listenAttempts      = 6
	listenPause         = 100 * time.Millisecond
)

// sinkDialOptions are the options of the host's only dial (the sink data
// channel): synchronous, then reconnecting with a 100 ms .. 5 s backoff.
var sinkDialOptions = map[string]interface{}{
	mangos.OptionDialAsynch:       false,
	mangos.OptionReconnectTime:    100 * time.Millisecond,
	mangos.OptionMaxReconnectTime: 5 * time.Second,
}

func setOptions(sock mangos.Socket, opts map[string]interface{}) error {
	for k, v := range opts {
		if err := sock.SetOption(k, v); err != nil && err != mangos.ErrBadOption {
			return fmt.Errorf("option %s: %w", k, err)
		}
	}
	return nil
}

// listen binds sock, retrying a few times like the host does (a stale socket
// file or a previous listener that is still closing).
func listen(sock mangos.Socket, url string) error {
	var err error
	for i := 0; i < listenAttempts; i++ {
		if err = sock.Listen(url); err == nil {
			return nil
		}
		time.Sleep(listenPause)
	}
	return err
}

func newListener(newSock func() (mangos.Socket, error), url string, opts map[string]interface{}) (mangos.Socket, error) {
	sock, err := newSock()
	if err != nil {
		return nil, err
	}
	if err = setOptions(sock, opts); err != nil {
		_ = sock.Close()
		return nil, err
	}
	if err = listen(sock, url); err != nil {
		_ = sock.Close()
		return nil, fmt.Errorf("listen %s: %w", url, err)
	}
	return sock, nil
}

func controlURL(plugin string) string  { return fmt.Sprintf("ipc:///tmp/plugin_%s.ipc", plugin) }
func functionURL(symbol string) string { return fmt.Sprintf("ipc:///tmp/func_%s.ipc", symbol) }
func dataURL(m meta) string {
	return fmt.Sprintf("ipc:///tmp/%s_%s_%d.ipc", m.RuleID, m.OpID, m.InstanceID)
}
func ackURL(m meta) string {
	return fmt.Sprintf("ipc:///tmp/%s_%s_%d_ack.ipc", m.RuleID, m.OpID, m.InstanceID)
}

// exchange records what happened around one command on a reversed channel.
type exchange struct {
	// Discarded holds messages read and dropped because no request was
	// pending when the command was to be sent (the first message of a
	// fresh channel, or a late answer).
	Discarded []string `json:"discarded,omitempty"`
	// StaleAnswers counts answers starting with 'h', each of which made the
	// host send the same command again.
	StaleAnswers int `json:"staleAnswers,omitempty"`
}

// reversedChannel is a REP socket on which the host issues commands as
// replies and receives the plugin's answers as requests (control and
// function channels).
type reversedChannel struct {
	mu   sync.Mutex
	sock mangos.Socket
}

func listenControl(plugin string) (*reversedChannel, error) {
	sock, err := newListener(rep.NewSocket, controlURL(plugin), map[string]interface{}{
		mangos.OptionRecvDeadline: controlRecvDeadline,
		mangos.OptionMaxRecvSize:  0,
	})
	if err != nil {
		return nil, err
	}
	return &reversedChannel{sock: sock}, nil
}

func listenFunction(symbol string, sendTimeout, recvTimeout time.Duration) (*reversedChannel, error) {
	sock, err := newListener(rep.NewSocket, functionURL(symbol), map[string]interface{}{
		mangos.OptionRecvDeadline: recvTimeout,
		mangos.OptionSendDeadline: sendTimeout,
		mangos.OptionMaxRecvSize:  0,
	})
	if err != nil {
		return nil, err
	}
	return &reversedChannel{sock: sock}, nil
}

// handshake waits for the plugin's first request, with the receive deadline
// temporarily set to initTimeout. The request stays pending: the first
// command is sent as its reply.
func (c *reversedChannel) handshake(initTimeout time.Duration) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	prev, err := c.sock.GetOption(mangos.OptionRecvDeadline)
	if err != nil {
		return nil, err
	}
	if err = c.sock.SetOption(mangos.OptionRecvDeadline, initTimeout); err != nil {
		return nil, err
	}
	msg, err := c.sock.Recv()
	if err != nil && err != mangos.ErrProtoState {
		return nil, err
	}
	if err = c.sock.SetOption(mangos.OptionRecvDeadline, prev); err != nil {
		return nil, err
	}
	return msg, nil
}

// call sends one command and returns the plugin's answer, applying the
// host's rules: with no pending request, read one message and drop it
// before sending; an answer whose first byte is 'h' is a stale handshake,
// so send the same command again.
func (c *reversedChannel) call(cmd []byte) ([]byte, exchange, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ex exchange
	for {
		err := c.sock.Send(cmd)
		if errors.Is(err, mangos.ErrProtoState) {
			var prev []byte
			if prev, err = c.sock.Recv(); err == nil {
				ex.Discarded = append(ex.Discarded, string(prev))
				err = c.sock.Send(cmd)
			}
		}
		if err != nil {
			return nil, ex, fmt.Errorf("send: %w", err)
		}
		answer, err := c.sock.Recv()
		if err != nil {
			return nil, ex, fmt.Errorf("receive: %w", err)
		}
		if len(answer) > 0 && answer[0] == 'h' {
			ex.StaleAnswers++
			continue
		}
		return answer, ex, nil
	}
}

func (c *reversedChannel) close() { _ = c.sock.Close() }

func listenSource(m meta, recvTimeout time.Duration) (mangos.Socket, error) {
	return newListener(pull.NewSocket, dataURL(m), map[string]interface{}{
		mangos.OptionRecvDeadline: recvTimeout,
		mangos.OptionMaxRecvSize:  0,
	})
}

func listenAck(m meta) (mangos.Socket, error) {
	return newListener(pull.NewSocket, ackURL(m), map[string]interface{}{
		mangos.OptionRecvDeadline: ackRecvDeadline,
		mangos.OptionMaxRecvSize:  0,
	})
}

// dialSink dials the sink data channel synchronously: the first attempt
// must succeed.
func dialSink(m meta, sendTimeout time.Duration) (mangos.Socket, error) {
	sock, err := push.NewSocket()
	if err != nil {
		return nil, err
	}
	if err = setOptions(sock, map[string]interface{}{
		mangos.OptionSendDeadline: sendTimeout,
		mangos.OptionMaxRecvSize:  0,
	}); err != nil {
		_ = sock.Close()
		return nil, err
	}
	if err = sock.DialOptions(dataURL(m), sinkDialOptions); err != nil {
		_ = sock.Close()
		return nil, fmt.Errorf("dial %s: %w", dataURL(m), err)
	}
	return sock, nil
}
