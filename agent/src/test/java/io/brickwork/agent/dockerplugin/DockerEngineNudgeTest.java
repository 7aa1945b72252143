package io.brickwork.agent.dockerplugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DockerEngineNudgeTest {
    @Test
    void theDriverCountsAsLoadedOnlyWhenInfoListsItAmongTheVolumePlugins() {
        assertTrue(DockerEngineNudge.lists("{\"Plugins\":{\"Volume\":[\"brickwork\",\"local\"],\"Network\":[]}}"));
        assertFalse(DockerEngineNudge.lists("{\"Plugins\":{\"Volume\":[\"local\"],\"Network\":[\"brickwork\"]}}"));
        assertFalse(DockerEngineNudge.lists("{\"Plugins\":{\"Volume\":null}}"));
        assertFalse(DockerEngineNudge.lists("{\"ID\":\"x\"}"));
        assertFalse(DockerEngineNudge.lists("not json"));
    }
}
